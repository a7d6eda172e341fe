import path from 'node:path';
import { renderSqlTemplate } from '../engine/templates.ts';
import type { PackageInfo, Project } from '../project/types.ts';
import { prismaMigrationFiles, supabaseMigrationFiles } from './load-schema.ts';
import { formatTimestamp, migrationPath, nextTimestamp, type Layout } from './render.ts';
import { parseSqlStatements } from './sql-reader.ts';

export const RATE_LIMITS_TABLE = 'rate_limits';

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

const ALLOWED = new Set(['VariableSetStmt', 'TransactionStmt', 'CreateStmt', 'AlterTableStmt', 'DropStmt']);

export interface RateLimitsMigration {
  path: string;
  content: string;
  rollbackPath: string;
  rollbackContent: string;
}

/**
 * The migration that creates the `rate_limits` table, and its rollback. It is timestamped just after
 * the newest migration the package has (now, when it has none), so it runs after them, and a second
 * plan names the same file.
 */
export function rateLimitsMigration(project: Project, layout: Layout, module: string, now: Date = new Date()): RateLimitsMigration {
  const existing =
    layout.kind === 'prisma' ? prismaMigrationFiles(project, layout.migrationsDir) : supabaseMigrationFiles(project, layout.migrationsDir);
  const ours = existing.find((file) => /_rate_limits(\/migration)?\.sql$/.test(file));
  const latest =
    existing.filter((file) => file !== ours).length > 0
      ? nextTimestamp(
          new Date(0),
          existing.filter((f) => f !== ours),
        )
      : now;
  const id = ours
    ? path.posix.basename(ours.replace(/\/migration\.sql$/, '')).replace(/\.sql$/, '')
    : `${formatTimestamp(latest)}_rate_limits`;
  const file = migrationPath(layout, id);
  const rollbackPath = path.posix.join(layout.rollbacksDir, `${id}.sql`);
  const data = {
    lockTimeout: '5s',
    statementTimeout: '1min',
    schema: 'public',
    table: RATE_LIMITS_TABLE,
    module,
    migration: file,
    rollback: rollbackPath,
  };
  const content = renderSqlTemplate('sql/rate-limits.sql', data);
  const rollbackContent = renderSqlTemplate('sql/rate-limits-rollback.sql', data);
  for (const text of [content, rollbackContent]) {
    for (const statement of parseSqlStatements(text))
      if (!ALLOWED.has(statement.kind))
        throw new Error(`${file}: the rate-limits migration holds a ${statement.kind}; nothing was written`);
  }
  return { path: file, content, rollbackPath, rollbackContent };
}
