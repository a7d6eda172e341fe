import path from 'node:path';
import { renderSqlTemplate } from '../engine/templates.ts';
import type { PackageInfo, Project } from '../project/types.ts';
import { prismaMigrationFiles, supabaseMigrationFiles } from './load-schema.ts';
import { TIMEOUTS, formatTimestamp, migrationPath, nextTimestamp, type Layout } from './render.ts';
import { parseSqlStatements } from './sql-reader.ts';

export const RATE_LIMITS_TABLE = 'rate_limits';

export type LimiterStore = 'upstash' | 'prisma' | 'pg' | 'postgres.js' | 'supabase';

/**
 * The store the limiter writes to: Upstash where the app has it (`upstashPackage`), else the database it already talks
 * to, through its driver or ORM, or through supabase-js.
 */
export function backendOf(pkg: PackageInfo, upstashPackage = '@upstash/ratelimit'): LimiterStore | null {
  const has = (name: string) => name in pkg.dependencies || name in pkg.devDependencies;
  if (has(upstashPackage)) return 'upstash';
  if (has('@prisma/client') && pkg.prismaSchema) return 'prisma';
  if (has('pg')) return 'pg';
  if (has('postgres')) return 'postgres.js';
  // With no driver of its own the app reaches Postgres through the Data API: a function it may call.
  if (has('@supabase/supabase-js')) return 'supabase';
  return null;
}

/** Where the package's migrations go, as `shipshape sql` would put them, without reading its schema. */
export function packageLayout(pkg: PackageInfo): Layout {
  const base = (rel: string) => (pkg.dir ? path.posix.join(pkg.dir, rel) : rel);
  if (pkg.supabaseMigrations || (!pkg.prismaSchema && pkg.dependencies['@supabase/supabase-js'])) {
    const migrationsDir = pkg.supabaseMigrations ?? base('supabase/migrations');
    return { kind: 'supabase', migrationsDir, rollbacksDir: path.posix.join(path.posix.dirname(migrationsDir), 'rollbacks') };
  }
  if (pkg.prismaSchema) {
    const migrationsDir = pkg.prismaMigrations ?? path.posix.join(path.posix.dirname(pkg.prismaSchema), 'migrations');
    return { kind: 'prisma', migrationsDir, rollbacksDir: path.posix.join(path.posix.dirname(migrationsDir), 'rollbacks') };
  }
  const migrationsDir = base('migrations');
  return { kind: 'plain', migrationsDir, rollbacksDir: path.posix.join(migrationsDir, 'rollbacks') };
}

export const RATE_LIMIT_FUNCTION = 'rate_limit_hit';

const ALLOWED = new Set([
  'VariableSetStmt',
  'TransactionStmt',
  'CreateStmt',
  'AlterTableStmt',
  'DropStmt',
  'CreateFunctionStmt',
  'GrantStmt',
  'RemoveFuncStmt',
]);

export interface RateLimitsMigration {
  /** The migration's name, its timestamp and what it makes: the folder of a Prisma migration, the file of a Supabase one. */
  id: string;
  path: string;
  content: string;
  rollbackPath: string;
  rollbackContent: string;
}

/** Each artifact's template, and the name after the timestamp of its migration. */
const ARTIFACTS = {
  table: { template: 'sql/rate-limits.sql', rollback: 'sql/rate-limits-rollback.sql', name: 'rate_limits' },
  function: { template: 'sql/rate-limit-hit.sql', rollback: 'sql/rate-limit-hit-rollback.sql', name: RATE_LIMIT_FUNCTION },
} as const;

/** A migration's template, its rollback's, and the name after its timestamp. */
export interface MigrationArtifact {
  template: string;
  rollback: string;
  name: string;
}

/**
 * The migrations of a table a generated store module writes, one per artifact in the order given,
 * each with its rollback, rendered with `data`. They are timestamped just after the newest migration
 * the package has (now, when it has none), so they run after them, and a second plan names the same
 * files. Every statement must be one of the kinds these migrations hold: anything else is refused.
 */
export function storeMigrations(
  project: Project,
  layout: Layout,
  artifacts: readonly MigrationArtifact[],
  data: Record<string, unknown>,
  options: { now?: Date; what: string },
): RateLimitsMigration[] {
  const existing =
    layout.kind === 'prisma' ? prismaMigrationFiles(project, layout.migrationsDir) : supabaseMigrationFiles(project, layout.migrationsDir);
  const idOf = (file: string) => path.posix.basename(file.replace(/\/migration\.sql$/, '')).replace(/\.sql$/, '');
  const ours = (name: string) => existing.find((file) => new RegExp(`^\\d+_${name}$`).test(idOf(file)));
  const others = existing.filter((file) => !artifacts.some((artifact) => ours(artifact.name) === file));
  // Without `now` (the transform), the files follow the newest migration, so a second plan names the same ones.
  let next = others.length > 0 ? nextTimestamp(options.now ?? new Date(0), others) : (options.now ?? new Date());
  return artifacts.map((artifact) => {
    const written = ours(artifact.name);
    const id = written ? idOf(written) : `${formatTimestamp(next)}_${artifact.name}`;
    // The next artifact runs after this one: a function needs its table.
    next = nextTimestamp(new Date(next.getTime() + 1000), written ? [written] : []);
    const file = migrationPath(layout, id);
    const rollbackPath = path.posix.join(layout.rollbacksDir, `${id}.sql`);
    const values = { ...data, migration: file, rollback: rollbackPath };
    const content = renderSqlTemplate(artifact.template, values);
    const rollbackContent = renderSqlTemplate(artifact.rollback, values);
    for (const text of [content, rollbackContent]) {
      for (const statement of parseSqlStatements(text))
        if (!ALLOWED.has(statement.kind))
          throw new Error(`${file}: the ${options.what} migration holds a ${statement.kind}; nothing was written`);
    }
    return { id, path: file, content, rollbackPath, rollbackContent };
  });
}

/**
 * The migrations behind the limiter, each with its rollback: the `rate_limits` table, and with
 * `rpcFunction` the `rate_limit_hit` function supabase-js calls.
 */
export function rateLimitsMigrations(
  project: Project,
  layout: Layout,
  module: string,
  options: { rpcFunction: boolean; now?: Date },
): RateLimitsMigration[] {
  const artifacts = options.rpcFunction ? [ARTIFACTS.table, ARTIFACTS.function] : [ARTIFACTS.table];
  const data = { ...TIMEOUTS['rate-limits'], schema: 'public', table: RATE_LIMITS_TABLE, function: RATE_LIMIT_FUNCTION, module };
  return storeMigrations(project, layout, artifacts, data, { now: options.now, what: 'rate-limits' });
}
