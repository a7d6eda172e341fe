import path from 'node:path';
import { readTextFile } from '../project/files.ts';
import { isSourceFile } from '../project/load-project.ts';
import type { Project } from '../project/types.ts';
import { findTable, type SchemaModel } from './model.ts';
import { renderStandalone, type GeneratedFile, type Layout } from './render.ts';

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
  return renderStandalone('webhook-events', options, { supabase: options.supabase }, STATEMENTS);
}
