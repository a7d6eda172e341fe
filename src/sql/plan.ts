import type { ColumnUse } from './code-facts.ts';
import { resolveUse } from './code-facts.ts';
import {
  findColumn,
  findTable,
  foreignKeys,
  hasLeadingIndex,
  isExposed,
  isUniqueOn,
  primaryKey,
  qualifiedName,
  type SchemaModel,
  type Table,
} from './model.ts';
import { derivedName, ident, sql, SqlFragment } from './names.ts';
import type { Question } from '../engine/transform-types.ts';
import { inferOwnership, OWNER_COLUMN_NAMES, ownerColumn, type Ownership } from './ownership.ts';

/**
 * How signed-in users may use a table's rows. `server-only` turns RLS on with no client policy
 * (only the service role gets through): the default for an exposed table nobody owns.
 */
export type AccessMode = 'owner' | 'public-read' | 'team' | 'server-only' | 'skip';

export const ACCESS_MODES: readonly AccessMode[] = ['owner', 'public-read', 'team', 'server-only', 'skip'];

export interface TeamRule {
  /** The table's column naming the team, e.g. team_id. */
  column: string;
  members: Table;
  /** The members table's column holding the user's id. */
  memberUser: string;
  /** The members table's column holding the team, usually the same name as `column`. */
  memberTeam: string;
}

export interface TableDecision {
  table: Table;
  ownership: Ownership | null;
  team: TeamRule | null;
  mode: AccessMode;
  /** The modes that make sense for this table (owner needs an owner, team a members table). */
  choices: AccessMode[];
  /** The policy that lets everyone read the table now (`for select using (true)`), if any. */
  publicReadPolicy: string | null;
}

const TEAM_COLUMNS = [
  'team_id',
  'org_id',
  'organization_id',
  'workspace_id',
  'account_id',
  'teamId',
  'orgId',
  'organizationId',
  'workspaceId',
];

function membersTableFor(schema: SchemaModel, table: Table): TeamRule | null {
  for (const candidate of schema.tables) {
    if (candidate === table || !/(^|_)(members|memberships)$|Member(ship)?s?$/.test(candidate.name)) continue;
    const memberUser = OWNER_COLUMN_NAMES.find((name) => findColumn(candidate, name));
    if (!memberUser) continue;
    for (const column of TEAM_COLUMNS) {
      if (findColumn(table, column) && findColumn(candidate, column)) return { column, members: candidate, memberUser, memberTeam: column };
    }
  }
  return null;
}

function publicReadPolicy(table: Table): string | null {
  return (
    table.policies.find(
      (p) => p.command === 'select' && p.permissive && p.using?.alwaysTrue && (p.roles.length === 0 || p.roles.includes('anon')),
    )?.name ?? null
  );
}

/**
 * Per exposed table: who owns it, which access modes fit, and the default (what `--yes` takes).
 * A table everyone reads now but that has an owner defaults to owner-only: keeping it public is
 * an answer someone gives (the wizard, `--option`), never a guess. `describe` infers instead what
 * the policies do now, for verify's report.
 */
export function decideTables(
  schema: SchemaModel,
  overrides: Readonly<Record<string, AccessMode>> = {},
  options: { describe?: boolean } = {},
): TableDecision[] {
  const decisions: TableDecision[] = [];
  for (const table of schema.tables) {
    if (!isExposed(table)) continue;
    const ownership = inferOwnership(schema, table);
    const team = membersTableFor(schema, table);
    const choices: AccessMode[] = [
      ...(ownership ? (['owner', 'public-read'] as const) : []),
      ...(team ? (['team'] as const) : []),
      ...(ownership ? [] : (['public-read'] as const)),
      'server-only',
      'skip',
    ];
    const publicRead = publicReadPolicy(table);
    const inferred: AccessMode = ownership
      ? options.describe && publicRead
        ? 'public-read'
        : 'owner'
      : team
        ? 'team'
        : table.rls.enabled
          ? 'skip'
          : 'server-only';
    const override = overrides[qualifiedName(table)] ?? overrides[table.name];
    const mode = override && choices.includes(override) ? override : inferred;
    decisions.push({ table, ownership, team, mode, choices, publicReadPolicy: publicRead });
  }
  return decisions;
}

/** The question `sql` asks per table, as `--option access.<table>=<mode>` answers it. */
export function accessQuestion(decision: TableDecision): Question {
  return {
    name: `access.${qualifiedName(decision.table)}`,
    message: `Access to ${qualifiedName(decision.table)}`,
    type: 'string',
    default: decision.mode,
    choices: decision.choices.map((value) => ({ value, name: value })),
  };
}

export interface TableRef {
  schema: string;
  name: string;
}

export interface PolicyPlan {
  name: string;
  command: 'select' | 'insert' | 'update' | 'delete';
  roles: string[];
  /** Conditions built from quoted names; null where the command takes none. */
  using: SqlFragment | null;
  withCheck: SqlFragment | null;
}

export interface RlsPlan {
  table: TableRef;
  label: string;
  mode: AccessMode;
  reason: string;
  wasEnabled: boolean;
  /** Every policy on the table now, and the generated ones (so the file can run twice). */
  dropPolicies: string[];
  /** The statements that created the policies this plan drops, for the rollback. */
  previousPolicies: string[];
  policies: PolicyPlan[];
  /** Public-read keeps SELECT for anon; every other mode revokes everything from it. */
  anonReads: boolean;
}

export interface ConstraintPlan {
  table: TableRef;
  label: string;
  name: string;
  kind: 'not-null' | 'foreign';
  column: string;
  /** For a foreign key: the users table it references (by `id`). */
  references: TableRef | null;
}

export interface IndexPlan {
  table: TableRef;
  label: string;
  name: string;
  columns: string[];
  unique: boolean;
  reason: string;
}

export interface SqlPlan {
  rls: RlsPlan[];
  constraints: ConstraintPlan[];
  indexes: IndexPlan[];
  /** Tables left alone, and why, for the summary. */
  notes: string[];
}

const uid = (columnType: string) => (columnType === 'uuid' ? sql`(select auth.uid())` : sql`(select auth.uid()::text)`);

/** The condition "this row belongs to the current user", with every name quoted. */
export function ownerCondition(schema: SchemaModel, table: Table, ownership: Ownership, qualify = false): SqlFragment {
  const ref = (t: Table, column: string) => (qualify ? sql`${ident(t.schema, t.name)}.${ident(column)}` : ident(column));
  if (ownership.kind !== 'inherited') {
    const type = findColumn(table, ownership.column)?.type ?? 'uuid';
    return sql`${uid(type)} = ${ref(table, ownership.column)}`;
  }
  const parent = ident(ownership.parent.schema, ownership.parent.name);
  const childRef = sql`${ident(table.schema, table.name)}.${ident(ownership.column)}`;
  return sql`exists (select 1 from ${parent} where ${parent}.${ident(ownership.parentColumn)} = ${childRef} and ${ownerCondition(schema, ownership.parent, ownership.parentOwnership, true)})`;
}

function teamCondition(team: TeamRule): SqlFragment {
  const userType = findColumn(team.members, team.memberUser)?.type ?? 'uuid';
  return sql`${ident(team.column)} in (select ${ident(team.memberTeam)} from ${ident(team.members.schema, team.members.name)} where ${ident(team.memberUser)} = ${uid(userType)})`;
}

export function policyName(table: Table, command: string): string {
  return derivedName(table.name, 'shipshape', command);
}

function plannedPolicies(schema: SchemaModel, decision: TableDecision): PolicyPlan[] {
  const { table, mode } = decision;
  const condition =
    mode === 'team' && decision.team
      ? teamCondition(decision.team)
      : decision.ownership
        ? ownerCondition(schema, table, decision.ownership)
        : null;
  const policies: PolicyPlan[] = [];
  const add = (command: PolicyPlan['command'], roles: string, using: SqlFragment | null, withCheck: SqlFragment | null) =>
    policies.push({ name: policyName(table, command), command, roles: roles.split(', '), using, withCheck });
  if (mode === 'server-only' || mode === 'skip') return policies;
  if (mode === 'public-read') add('select', 'anon, authenticated', sql`true`, null);
  else if (condition) add('select', 'authenticated', condition, null);
  if (condition) {
    add('insert', 'authenticated', null, condition);
    add('update', 'authenticated', condition, condition);
    add('delete', 'authenticated', condition, null);
  }
  return policies;
}

/** RLS already says what this plan would: on, and exactly the generated policies. */
function rlsSatisfied(table: Table, policies: PolicyPlan[]): boolean {
  if (!table.rls.enabled) return false;
  const names = new Set(policies.map((p) => p.name));
  return table.policies.length === names.size && table.policies.every((p) => names.has(p.name));
}

function rlsPlan(schema: SchemaModel, decision: TableDecision): RlsPlan | null {
  const { table, mode } = decision;
  if (mode === 'skip') return null;
  const policies = plannedPolicies(schema, decision);
  if (rlsSatisfied(table, policies)) return null;
  const reason =
    mode === 'team' && decision.team
      ? `members of the row's team (${decision.team.column} in ${qualifiedName(decision.team.members)})`
      : mode === 'server-only'
        ? 'no owner found: only the service role (server code) can use it'
        : `${mode === 'public-read' ? 'everyone reads; ' : ''}the owner writes (${decision.ownership!.reason})`;
  return {
    table: { schema: table.schema, name: table.name },
    label: qualifiedName(table),
    mode,
    reason,
    wasEnabled: table.rls.enabled,
    dropPolicies: [...new Set([...table.policies.map((p) => p.name), ...policies.map((p) => p.name)])],
    previousPolicies: table.policies.map((p) => (p.statement.endsWith(';') ? p.statement : `${p.statement};`)),
    policies,
    anonReads: mode === 'public-read',
  };
}

function usersTarget(schema: SchemaModel, supabase: boolean): TableRef | null {
  if (supabase) return { schema: 'auth', name: 'users' };
  const users = ['users', 'user', 'User'].map((name) => findTable(schema, 'public', name)).find(Boolean);
  const pk = users ? primaryKey(users) : undefined;
  return users && pk?.columns.length === 1 && pk.columns[0] === 'id' ? { schema: users.schema, name: users.name } : null;
}

function constraintPlans(schema: SchemaModel, decisions: readonly TableDecision[], supabase: boolean): ConstraintPlan[] {
  const plans: ConstraintPlan[] = [];
  const users = usersTarget(schema, supabase);
  for (const decision of decisions) {
    if (decision.mode === 'skip') continue;
    const { table } = decision;
    const owner = ownerColumn(schema, table);
    const column = owner ? findColumn(table, owner) : undefined;
    if (!owner || !column) continue;
    const ref = { schema: table.schema, name: table.name };
    const notNullName = derivedName(table.name, owner, 'not_null');
    // A helper check already there means the constraints file exists and its validation has not run yet.
    if (column.nullable && !table.constraints.some((c) => c.name === notNullName)) {
      plans.push({ table: ref, label: qualifiedName(table), name: notNullName, kind: 'not-null', column: owner, references: null });
    }
    if (users && column.type === 'uuid' && !foreignKeys(table).some((fk) => fk.columns.includes(owner))) {
      plans.push({
        table: ref,
        label: qualifiedName(table),
        name: derivedName(table.name, owner, 'fkey'),
        kind: 'foreign',
        column: owner,
        references: users,
      });
    }
  }
  return plans;
}

function indexPlans(
  schema: SchemaModel,
  decisions: readonly TableDecision[],
  rls: readonly RlsPlan[],
  uses: readonly ColumnUse[],
): IndexPlan[] {
  const plans: IndexPlan[] = [];
  const planned = new Set<string>();
  const add = (table: Table, columns: string[], unique: boolean, reason: string) => {
    const key = `${table.schema}.${table.name}(${columns.join(',')})${unique ? '!' : ''}`;
    if (planned.has(key) || columns.some((c) => !findColumn(table, c))) return;
    if (unique ? isUniqueOn(schema, table, columns) : hasLeadingIndex(schema, table, columns)) return;
    if (!unique && plans.some((p) => p.label === qualifiedName(table) && columns.every((c, i) => p.columns[i] === c))) return;
    planned.add(key);
    plans.push({
      table: { schema: table.schema, name: table.name },
      label: qualifiedName(table),
      name: derivedName(table.name, ...columns, unique ? 'key' : 'idx'),
      columns,
      unique,
      reason,
    });
  };
  for (const use of uses) {
    if (use.use !== 'lookup') continue;
    const resolved = resolveUse(schema, use);
    if (resolved) add(resolved.table, resolved.columns, true, `looked up as one row in ${use.file}:${use.line}`);
  }
  for (const table of schema.tables) {
    for (const fk of foreignKeys(table))
      add(
        table,
        fk.columns,
        false,
        `foreign key to ${fk.references!.schema === 'public' ? '' : `${fk.references!.schema}.`}${fk.references!.table}`,
      );
  }
  for (const decision of decisions) {
    const { table } = decision;
    const plan = rls.find((r) => r.label === qualifiedName(table));
    if (plan && decision.mode === 'team' && decision.team) add(table, [decision.team.column], false, 'the RLS policies filter on it');
    else if (plan && decision.ownership) add(table, [decision.ownership.column], false, 'the RLS policies filter on it');
    if (!plan) {
      for (const policy of table.policies) {
        for (const column of [...(policy.using?.columns ?? []), ...(policy.withCheck?.columns ?? [])])
          add(table, [column], false, `policy "${policy.name}" filters on it`);
      }
    }
  }
  for (const use of uses) {
    if (use.use !== 'filter' || use.columns.length !== 1) continue;
    const resolved = resolveUse(schema, use);
    const column = resolved ? findColumn(resolved.table, resolved.columns[0]!) : undefined;
    if (resolved && column && column.type !== 'boolean')
      add(resolved.table, resolved.columns, false, `filtered on in ${use.file}:${use.line}`);
  }
  return plans;
}

export interface PlanOptions {
  decisions: readonly TableDecision[];
  uses: readonly ColumnUse[];
  /** Write RLS (auth.uid() exists only on Supabase). */
  supabase: boolean;
  only?: 'rls' | 'constraints' | 'indexes';
}

/** What the generated migrations must do so that the schema passes the database checks; empty when it already does. */
export function planSql(schema: SchemaModel, options: PlanOptions): SqlPlan {
  const notes: string[] = [];
  const want = (part: 'rls' | 'constraints' | 'indexes') => !options.only || options.only === part;
  // The index plan needs the RLS plan (policy columns get indexes) even when only indexes are asked for.
  const rlsAll = options.supabase ? options.decisions.map((d) => rlsPlan(schema, d)).filter((p): p is RlsPlan => p !== null) : [];
  const rls = want('rls') ? rlsAll : [];
  for (const decision of options.decisions) {
    if (decision.mode === 'skip' && !decision.table.rls.enabled && options.supabase)
      notes.push(`${qualifiedName(decision.table)} skipped: its row level security stays off`);
    if (decision.mode === 'server-only' && rlsAll.some((r) => r.label === qualifiedName(decision.table)))
      notes.push(
        `${qualifiedName(decision.table)} has no owner column: RLS goes on with no client policy (server-only); choose another mode with the wizard if the browser reads it`,
      );
  }
  const constraints = want('constraints') ? constraintPlans(schema, options.decisions, options.supabase) : [];
  const indexes = want('indexes') ? indexPlans(schema, options.decisions, rlsAll, options.uses) : [];
  return { rls, constraints, indexes, notes };
}
