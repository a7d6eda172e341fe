import path from 'node:path';
import { renderSqlTemplate } from '../engine/templates.ts';
import { readTextFile } from '../project/files.ts';
import { isSourceFile } from '../project/load-project.ts';
import type { Project } from '../project/types.ts';
import { findTable, type SchemaModel } from './model.ts';
import { TIMEOUTS, formatTimestamp, migrationPath, type GeneratedFile, type Layout } from './render.ts';
import { parseSqlStatements } from './sql-reader.ts';

const TABLE = 'webhook_events';
const STATEMENTS = new Set(['VariableSetStmt', 'TransactionStmt', 'CreateStmt', 'AlterTableStmt', 'GrantStmt', 'DropStmt']);

/**
 * Whether the code records webhook events in a table the schema lacks: the code of
 * `dedupe-webhook-events` names it, and Prisma's own migrations make it where the schema is Prisma's.
 */
export function needsWebhookEvents(project: Project, schema: SchemaModel): boolean {
  if (schema.source === 'prisma' || findTable(schema, 'public', TABLE)) return false;
  return project.files.some((file) => {
    if (!isSourceFile(file) || (schema.packageDir && !file.startsWith(`${schema.packageDir}/`))) return false;
    const read = readTextFile(path.join(project.root, file));
    return read.ok && read.text.includes(TABLE);
  });
}

/** The migration that creates the table, and its rollback; refuses any statement it does not plan. */
export function renderWebhookEvents(options: { layout: Layout; name: string; at: Date; supabase: boolean }): GeneratedFile {
  const id = `${formatTimestamp(options.at)}_${options.name}_webhook_events`;
  const file = migrationPath(options.layout, id);
  const rollbackPath = path.posix.join(options.layout.rollbacksDir, `${id}.sql`);
  const data = { ...TIMEOUTS['webhook-events'], supabase: options.supabase, migration: file, rollback: rollbackPath };
  const content = renderSqlTemplate('sql/webhook-events.sql', data);
  const rollbackContent = renderSqlTemplate('sql/webhook-events-rollback.sql', data);
  for (const [name, text] of [
    [file, content],
    [rollbackPath, rollbackContent],
  ] as const) {
    const unplanned = parseSqlStatements(text).find((statement) => !STATEMENTS.has(statement.kind));
    if (unplanned)
      throw new Error(`${name}: the generated SQL holds a ${unplanned.kind}, which shipshape never plans; nothing was written`);
  }
  return { part: 'webhook-events', id, path: file, content, rollbackPath, rollbackContent };
}
