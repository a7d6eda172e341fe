import { introspect } from '../sql/introspect.ts';
import { decideTables } from '../sql/plan.ts';
import { applyMigrations } from './apply.ts';
import type { Database } from './database.ts';
import { prepareProbes, probeTable, rowFactory, type TableResult } from './probes.ts';
import { SUPABASE_EMULATION } from './supabase.ts';

export interface VerifyResult {
  database: { kind: Database['kind']; version: string };
  migrations: string[];
  tables: TableResult[];
  /** Exposed tables with no owner to test isolation by, and what verify did with them. */
  skipped: Array<{ table: string; reason: string }>;
  passed: boolean;
  durationMs: number;
}

/**
 * Emulates Supabase (unless `emulated` says the database already does), applies the migrations in
 * order, then runs the isolation probes on every owned table.
 */
export async function verifyDatabase(
  db: Database,
  migrations: ReadonlyArray<{ path: string; text: string }>,
  options: { emulated?: boolean } = {},
): Promise<VerifyResult> {
  const started = performance.now();
  const { rows } = await db.query<{ version: string }>(`select current_setting('server_version') as version`);
  if (!options.emulated) await db.exec(SUPABASE_EMULATION);
  await applyMigrations(db, migrations);
  const schema = await introspect(db);
  const decisions = decideTables(schema, {}, { describe: true });
  const users = await prepareProbes(db);
  const factory = rowFactory(db, schema, decisions);
  const tables: TableResult[] = [];
  const skipped: VerifyResult['skipped'] = [];
  for (const decision of decisions) {
    if (!decision.ownership && !decision.team) {
      skipped.push({
        table: `${decision.table.schema === 'public' ? '' : `${decision.table.schema}.`}${decision.table.name}`,
        reason: 'no owner column: nothing to isolate by',
      });
      continue;
    }
    tables.push(await probeTable(db, schema, decision, users, factory));
  }
  const passed = tables.every((t) => Object.values(t.checks).every((c) => c.status === 'PASS'));
  return {
    database: { kind: db.kind, version: rows[0]?.version ?? '?' },
    migrations: migrations.map((m) => m.path),
    tables,
    skipped,
    passed,
    durationMs: Math.round(performance.now() - started),
  };
}
