import type { Layout } from './render.ts';
import { TIMEOUTS } from './render.ts';
import type { Project } from '../project/types.ts';
import { storeMigrations, type RateLimitsMigration } from './rate-limits-table.ts';

export const SESSION_STORE_TABLE = 'session_store';

/** The functions supabase-js calls, by what they do. */
export const SESSION_STORE_FUNCTIONS = {
  getFunction: 'session_store_get',
  setFunction: 'session_store_set',
  deleteFunction: 'session_store_delete',
} as const;

const ARTIFACTS = {
  table: { template: 'sql/session-store.sql', rollback: 'sql/session-store-rollback.sql', name: SESSION_STORE_TABLE },
  functions: {
    template: 'sql/session-store-functions.sql',
    rollback: 'sql/session-store-functions-rollback.sql',
    name: 'session_store_functions',
  },
} as const;

/**
 * The migrations behind the session store, each with its rollback: the `session_store` table, and
 * with `rpcFunctions` the functions supabase-js calls.
 */
export function sessionStoreMigrations(
  project: Project,
  layout: Layout,
  module: string,
  options: { rpcFunctions: boolean; now?: Date },
): RateLimitsMigration[] {
  const artifacts = options.rpcFunctions ? [ARTIFACTS.table, ARTIFACTS.functions] : [ARTIFACTS.table];
  const data = { ...TIMEOUTS['session-store'], schema: 'public', table: SESSION_STORE_TABLE, ...SESSION_STORE_FUNCTIONS, module };
  return storeMigrations(project, layout, artifacts, data, { now: options.now, what: 'session-store' });
}
