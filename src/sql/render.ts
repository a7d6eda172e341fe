import path from 'node:path';
import { renderSqlTemplate } from '../engine/templates.ts';
import { SqlFragment } from './names.ts';
import type { RlsPlan, SqlPlan } from './plan.ts';
import { parseSqlStatements, type SqlStatement } from './sql-reader.ts';

export type LayoutKind = 'supabase' | 'prisma' | 'plain';

export interface Layout {
  kind: LayoutKind;
  /** Where migrations go, relative to the project root. */
  migrationsDir: string;
  /** Where rollbacks go: somewhere the migration tool does not look. */
  rollbacksDir: string;
}

export type Part = 'rls' | 'constraints' | 'validation' | 'indexes' | 'webhook-events' | 'event-order' | 'rate-limits' | 'session-store';

export interface GeneratedFile {
  part: Part;
  /** `<timestamp>_<name>_<part>`. */
  id: string;
  path: string;
  content: string;
  rollbackPath: string;
  rollbackContent: string;
}

export const TIMEOUTS: Record<Part, { lockTimeout: string; statementTimeout: string }> = {
  rls: { lockTimeout: '5s', statementTimeout: '1min' },
  constraints: { lockTimeout: '5s', statementTimeout: '1min' },
  // Validation and index builds read whole tables; they wait for no lock a writer needs.
  validation: { lockTimeout: '5s', statementTimeout: '30min' },
  indexes: { lockTimeout: '5s', statementTimeout: '2h' },
  'webhook-events': { lockTimeout: '5s', statementTimeout: '1min' },
  // Adding a nullable column without a default changes the catalog only: no table rewrite.
  'event-order': { lockTimeout: '5s', statementTimeout: '1min' },
  'rate-limits': { lockTimeout: '5s', statementTimeout: '1min' },
  'session-store': { lockTimeout: '5s', statementTimeout: '1min' },
};

const TIMESTAMP = /^(\d{14})_/;

export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function parseTimestamp(stamp: string): Date {
  return new Date(
    Date.UTC(
      +stamp.slice(0, 4),
      +stamp.slice(4, 6) - 1,
      +stamp.slice(6, 8),
      +stamp.slice(8, 10),
      +stamp.slice(10, 12),
      +stamp.slice(12, 14),
    ),
  );
}

/** The first timestamp for new files: now, or just after the newest existing migration if that is later. */
export function nextTimestamp(now: Date, existing: readonly string[]): Date {
  const latest = existing
    .map((file) => TIMESTAMP.exec(path.posix.basename(file.replace(/\/migration\.sql$/, '')))?.[1])
    .filter((s): s is string => s !== undefined)
    .sort()
    .at(-1);
  if (!latest) return now;
  const after = new Date(parseTimestamp(latest).getTime() + 1000);
  return after > now ? after : now;
}

/** A dollar-quote tag that no name in the plan contains, so a DO body cannot be closed early. */
function dollarTag(plan: SqlPlan): SqlFragment {
  const text = JSON.stringify(plan);
  let tag = '$shipshape$';
  for (let i = 1; text.includes(tag); i++) tag = `$shipshape${i}$`;
  return new SqlFragment(tag);
}

const POLICY_COMMANDS = new Set(['select', 'insert', 'update', 'delete']);

/**
 * A policy the rollback puts back, as the migrations wrote it: accepted only when it is exactly
 * one CREATE POLICY on the table, still one statement when something follows it (a trailing
 * comment would swallow the semicolon).
 */
function restorablePolicy(statement: string, table: RlsPlan['table']): SqlFragment | null {
  const text = statement.trim().replace(/;$/, '');
  if (!text) return null;
  try {
    const alone = parseSqlStatements(`${text};`);
    const followed = parseSqlStatements(`${text};\nselect 1;`);
    const relation = alone[0]?.node?.table;
    if (alone.length !== 1 || alone[0]!.kind !== 'CreatePolicyStmt' || followed.length !== 2) return null;
    if (relation?.relname !== table.name || (relation.schemaname ?? 'public') !== table.schema) return null;
    return new SqlFragment(`${text};`);
  } catch {
    return null;
  }
}

/** The RLS plans as the templates print them: commands checked against the four, previous policies checked or left out. */
function rlsTemplateData(plans: readonly RlsPlan[]) {
  return plans.map((plan) => ({
    ...plan,
    policies: plan.policies.map((policy) => {
      if (!POLICY_COMMANDS.has(policy.command)) throw new Error(`unknown policy command ${JSON.stringify(policy.command)}`);
      return { ...policy, command: new SqlFragment(policy.command) };
    }),
    previousPolicies: plan.previousPolicies
      .map((statement) => restorablePolicy(statement, plan.table))
      .filter((s): s is SqlFragment => s !== null),
    unrestorable: plan.previousPolicies.some((statement) => restorablePolicy(statement, plan.table) === null),
  }));
}

const ALLOWED_STATEMENTS = new Set([
  'VariableSetStmt',
  'TransactionStmt',
  'AlterTableStmt',
  'DropStmt',
  'CreatePolicyStmt',
  'GrantStmt',
  'IndexStmt',
  'DoStmt',
]);

/**
 * The last guard on a rendered file: it parses, and holds only the kinds of statement a migration
 * of shipshape's makes. A name that got out of its quotes fails here, before anything is written.
 */
function assertOnlyPlannedKinds(file: string, text: string): SqlStatement[] {
  const statements = parseSqlStatements(text);
  for (const statement of statements) {
    if (!ALLOWED_STATEMENTS.has(statement.kind))
      throw new Error(
        `${file}: the generated SQL holds a ${statement.kind} at line ${statement.line}, which shipshape never plans; nothing was written`,
      );
  }
  return statements;
}

export function migrationPath(layout: Layout, id: string): string {
  return layout.kind === 'prisma'
    ? path.posix.join(layout.migrationsDir, id, 'migration.sql')
    : path.posix.join(layout.migrationsDir, `${id}.sql`);
}

/**
 * A migration of its own and its rollback, from `templates/sql/<part>.sql.hbs` and
 * `<part>-rollback.sql.hbs`; refuses either when it holds a statement outside `allowed`.
 */
export function renderStandalone(
  part: Part,
  options: { layout: Layout; name: string; at: Date },
  data: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): GeneratedFile {
  const id = `${formatTimestamp(options.at)}_${options.name}_${part.replace(/-/g, '_')}`;
  const file = migrationPath(options.layout, id);
  const rollbackPath = path.posix.join(options.layout.rollbacksDir, `${id}.sql`);
  const full = { ...TIMEOUTS[part], ...data, migration: file, rollback: rollbackPath };
  const content = renderSqlTemplate(`sql/${part}.sql`, full);
  const rollbackContent = renderSqlTemplate(`sql/${part}-rollback.sql`, full);
  for (const [name, text] of [
    [file, content],
    [rollbackPath, rollbackContent],
  ] as const) {
    const unplanned = parseSqlStatements(text).find((statement) => !allowed.has(statement.kind));
    if (unplanned)
      throw new Error(`${name}: the generated SQL holds a ${unplanned.kind}, which shipshape never plans; nothing was written`);
  }
  return { part, id, path: file, content, rollbackPath, rollbackContent };
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
      plans: part === 'rls' ? rlsTemplateData(plan.rls) : plans,
      tag: dollarTag(plan),
      // Prisma keeps a @@unique as a unique index; a constraint on top would read as drift.
      adoptUnique: options.layout.kind !== 'prisma',
      migration: file,
      rollback: rollbackPath,
      constraints: ids.get('constraints') ? migrationPath(options.layout, ids.get('constraints')!) : '',
    };
    const content = renderSqlTemplate(`sql/${part}.sql`, data);
    const rollbackContent = renderSqlTemplate(`sql/${part}-rollback.sql`, data);
    assertOnlyPlannedKinds(file, content);
    assertOnlyPlannedKinds(rollbackPath, rollbackContent);
    files.push({ part, id, path: file, content, rollbackPath, rollbackContent });
  }
  return files;
}
