import path from 'node:path';
import Handlebars from 'handlebars';
import { renderTemplate } from '../engine/templates.ts';
import { qualifiedIdentifier, quoteIdentifier, quoteLiteral } from './names.ts';
import type { SqlPlan } from './plan.ts';

export type LayoutKind = 'supabase' | 'prisma' | 'plain';

export interface Layout {
  kind: LayoutKind;
  /** Where migrations go, relative to the project root. */
  migrationsDir: string;
  /** Where rollbacks go: somewhere the migration tool does not look. */
  rollbacksDir: string;
}

export type Part = 'rls' | 'constraints' | 'validation' | 'indexes';

export interface GeneratedFile {
  part: Part;
  /** `<timestamp>_<name>_<part>`. */
  id: string;
  path: string;
  content: string;
  rollbackPath: string;
  rollbackContent: string;
}

/** Helpers for SQL templates: names are validated and quoted, strings are SQL literals, comments stay on one line. */
function registerSqlHelpers(): void {
  const args = (values: unknown[]) => values.slice(0, -1) as unknown[];
  Handlebars.registerHelper('ident', (...values: unknown[]) => qualifiedIdentifier(...args(values).map(String)));
  Handlebars.registerHelper('identList', (list: unknown) => (list as string[]).map(quoteIdentifier).join(', '));
  Handlebars.registerHelper('literal', (value: unknown) => quoteLiteral(String(value)));
  Handlebars.registerHelper('comment', (value: unknown) => String(value).replace(/[\r\n\u2028\u2029\u0085\v\f]+/g, ' '));
  Handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  Handlebars.registerHelper('and', (a: unknown, b: unknown) => Boolean(a) && Boolean(b));
}
registerSqlHelpers();

const TIMEOUTS: Record<Part, { lockTimeout: string; statementTimeout: string }> = {
  rls: { lockTimeout: '5s', statementTimeout: '1min' },
  constraints: { lockTimeout: '5s', statementTimeout: '1min' },
  // Validation and index builds read whole tables; they wait for no lock a writer needs.
  validation: { lockTimeout: '5s', statementTimeout: '30min' },
  indexes: { lockTimeout: '5s', statementTimeout: '2h' },
};

const TIMESTAMP = /^(\d{14})_/;

export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function parseTimestamp(stamp: string): Date {
  return new Date(Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(8, 10), +stamp.slice(10, 12), +stamp.slice(12, 14)));
}

/** The first timestamp for new files: now, or just after the newest existing migration if that is later. */
export function nextTimestamp(now: Date, existing: readonly string[]): Date {
  const latest = existing.map((file) => TIMESTAMP.exec(path.posix.basename(file.replace(/\/migration\.sql$/, '')))?.[1]).filter((s): s is string => s !== undefined).sort().at(-1);
  if (!latest) return now;
  const after = new Date(parseTimestamp(latest).getTime() + 1000);
  return after > now ? after : now;
}

/** A dollar-quote tag that no name in the plan contains, so a DO body cannot be closed early. */
function dollarTag(plan: SqlPlan): string {
  const text = JSON.stringify(plan);
  let tag = '$shipshape$';
  for (let i = 1; text.includes(tag); i++) tag = `$shipshape${i}$`;
  return tag;
}

export function migrationPath(layout: Layout, id: string): string {
  return layout.kind === 'prisma' ? path.posix.join(layout.migrationsDir, id, 'migration.sql') : path.posix.join(layout.migrationsDir, `${id}.sql`);
}

/** Renders the plan into up to four migrations (each with its rollback), timestamped one second apart in the order they must run. */
export function renderPlan(plan: SqlPlan, options: { layout: Layout; name: string; start: Date }): GeneratedFile[] {
  const parts: Array<{ part: Part; plans: unknown[] }> = [
    { part: 'rls', plans: plan.rls },
    { part: 'constraints', plans: plan.constraints },
    { part: 'validation', plans: plan.constraints },
    { part: 'indexes', plans: plan.indexes },
  ];
  const files: GeneratedFile[] = [];
  let offset = 0;
  const ids = new Map<Part, string>();
  for (const { part, plans } of parts) {
    if (plans.length === 0) continue;
    ids.set(part, `${formatTimestamp(new Date(options.start.getTime() + 1000 * offset++))}_${options.name}_${part}`);
  }
  for (const { part, plans } of parts) {
    const id = ids.get(part);
    if (!id) continue;
    const file = migrationPath(options.layout, id);
    const rollbackPath = path.posix.join(options.layout.rollbacksDir, `${id}.sql`);
    const data = {
      ...TIMEOUTS[part],
      plans,
      tag: dollarTag(plan),
      // Prisma keeps a @@unique as a unique index; a constraint on top would read as drift.
      adoptUnique: options.layout.kind !== 'prisma',
      migration: file,
      rollback: rollbackPath,
      constraints: ids.get('constraints') ? migrationPath(options.layout, ids.get('constraints')!) : '',
    };
    files.push({ part, id, path: file, content: renderTemplate(`sql/${part}.sql`, data), rollbackPath, rollbackContent: renderTemplate(`sql/${part}-rollback.sql`, data) });
  }
  return files;
}
