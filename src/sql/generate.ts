import path from 'node:path';
import { readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import { addPrismaIndexes } from './prisma-schema-edit.ts';
import type { ColumnUse } from './code-facts.ts';
import { prismaMigrationFiles, supabaseMigrationFiles, usesSupabase } from './load-schema.ts';
import { findTable, type SchemaModel } from './model.ts';
import { planSql, type PlanOptions, type SqlPlan, type TableDecision } from './plan.ts';
import { needsWebhookEvents, renderWebhookEvents } from './webhook-events.ts';
import { guardedTables, renderEventOrder, tablesWithoutEventTime } from './event-order.ts';
import { RATE_LIMITS_TABLE, rateLimitsMigrations } from './rate-limits-table.ts';
import { SESSION_STORE_TABLE, sessionStoreMigrations } from './session-store-table.ts';
import { nextTimestamp, renderPlan, type GeneratedFile, type Layout, type LayoutKind } from './render.ts';

/** Where a schema's migrations go: the layout asked for, or the one its files show. */
export function detectLayout(project: Project, schema: SchemaModel, requested?: LayoutKind, out?: string): Layout {
  const pkg = project.packages.find((p) => p.dir === schema.packageDir);
  const base = (rel: string) => (schema.packageDir ? path.posix.join(schema.packageDir, rel) : rel);
  const kind: LayoutKind =
    requested ?? (schema.source === 'supabase' || pkg?.supabaseMigrations ? 'supabase' : schema.source === 'prisma' ? 'prisma' : 'plain');
  const normalizedOut = out ? path.posix.normalize(out.split(path.sep).join('/')).replace(/\/$/, '') : undefined;
  // A folder given with --out keeps its rollbacks inside it; a migration tool's own folder gets them beside it.
  const rollbacksBeside = (migrationsDir: string) => path.posix.join(normalizedOut ?? path.posix.dirname(migrationsDir), 'rollbacks');
  if (kind === 'supabase') {
    const migrationsDir = normalizedOut ?? pkg?.supabaseMigrations ?? base('supabase/migrations');
    return { kind, migrationsDir, rollbacksDir: rollbacksBeside(migrationsDir) };
  }
  if (kind === 'prisma') {
    const migrationsDir = normalizedOut ?? pkg?.prismaMigrations ?? base('prisma/migrations');
    return { kind, migrationsDir, rollbacksDir: rollbacksBeside(migrationsDir) };
  }
  const firstFile = schema.files[0];
  const migrationsDir =
    normalizedOut ?? (firstFile ? path.posix.join(path.posix.dirname(firstFile), 'migrations').replace(/^\.\//, '') : 'migrations');
  return { kind, migrationsDir, rollbacksDir: path.posix.join(migrationsDir, 'rollbacks') };
}

export function existingMigrations(project: Project, layout: Layout): string[] {
  return layout.kind === 'prisma'
    ? prismaMigrationFiles(project, layout.migrationsDir)
    : supabaseMigrationFiles(project, layout.migrationsDir);
}

export interface Generation {
  layout: Layout;
  plan: SqlPlan;
  files: GeneratedFile[];
  /** Other files the generation changes: schema.prisma, so it declares the new indexes. */
  edits: Array<{ path: string; content: string }>;
}

export function generate(
  project: Project,
  schema: SchemaModel,
  options: {
    layout: Layout;
    decisions: readonly TableDecision[];
    uses: readonly ColumnUse[];
    name: string;
    now: Date;
    only?: PlanOptions['only'];
    lineEnding?: '\n' | '\r\n';
    /** The limiter `add-rate-limit` writes for this schema's package, when the scan found routes it would limit. */
    rateLimits?: { module: string; rpcFunction: boolean } | null;
    /** The session store `persist-session-store` writes for this schema's package, when the scan found maps it would replace. */
    sessionStore?: { module: string; rpcFunctions: boolean } | null;
  },
): Generation {
  const plan = planSql(schema, {
    decisions: options.decisions,
    uses: options.uses,
    supabase: usesSupabase(project, schema),
    only: options.only,
  });
  const start = nextTimestamp(options.now, existingMigrations(project, options.layout));
  const newline = options.lineEnding ?? '\n';
  const rendered = renderPlan(plan, { layout: options.layout, name: options.name, start });
  if (!options.only && needsWebhookEvents(project, schema)) {
    const at = new Date(start.getTime() + 1000 * rendered.length);
    rendered.push(renderWebhookEvents({ layout: options.layout, name: options.name, at, supabase: usesSupabase(project, schema) }));
  }
  // A Prisma schema gets the column as a field from `guard-event-order`, and its migration from `prisma migrate dev`.
  const unguarded = options.only || schema.source === 'prisma' ? [] : tablesWithoutEventTime(schema, guardedTables(project, schema));
  if (unguarded.length > 0) {
    const at = new Date(start.getTime() + 1000 * rendered.length);
    rendered.push(renderEventOrder({ layout: options.layout, name: options.name, at, tables: unguarded }));
  }
  // Prisma's own migrations make the table, from the model add-rate-limit adds to the schema.
  if (!options.only && options.rateLimits && schema.source !== 'prisma' && !findTable(schema, 'public', RATE_LIMITS_TABLE)) {
    const at = new Date(start.getTime() + 1000 * rendered.length);
    const migrations = rateLimitsMigrations(project, options.layout, options.rateLimits.module, {
      rpcFunction: options.rateLimits.rpcFunction,
      now: at,
    });
    for (const migration of migrations) rendered.push({ part: 'rate-limits', ...migration });
  }
  if (!options.only && options.sessionStore && schema.source !== 'prisma' && !findTable(schema, 'public', SESSION_STORE_TABLE)) {
    const at = new Date(start.getTime() + 1000 * rendered.length);
    const migrations = sessionStoreMigrations(project, options.layout, options.sessionStore.module, {
      rpcFunctions: options.sessionStore.rpcFunctions,
      now: at,
    });
    for (const migration of migrations) rendered.push({ part: 'session-store', ...migration });
  }
  const files = rendered.map((file) => ({
    ...file,
    content: file.content.replace(/\r?\n/g, newline),
    rollbackContent: file.rollbackContent.replace(/\r?\n/g, newline),
  }));
  const edits: Generation['edits'] = [];
  const prismaSchema = project.packages.find((p) => p.dir === schema.packageDir)?.prismaSchema;
  if (options.layout.kind === 'prisma' && schema.source === 'prisma' && prismaSchema && plan.indexes.length > 0) {
    const text = readTextFile(path.join(project.root, prismaSchema));
    if (text.ok) {
      const edited = addPrismaIndexes(text.text, schema, plan.indexes);
      if (edited !== text.text) edits.push({ path: prismaSchema, content: edited });
    }
  }
  return { layout: options.layout, plan, files, edits };
}
