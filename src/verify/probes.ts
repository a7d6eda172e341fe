import { randomUUID } from 'node:crypto';
import { findTable, foreignKeys, primaryKey, qualifiedName, type Column, type SchemaModel, type Table } from '../sql/model.ts';
import { qualifiedIdentifier, quoteIdentifier, quoteLiteral } from '../sql/names.ts';
import type { Ownership } from '../sql/ownership.ts';
import type { AccessMode, TableDecision } from '../sql/plan.ts';
import { INSUFFICIENT_PRIVILEGE, sqlState, type Database } from './database.ts';

export const PROBES = ['read', 'update', 'delete', 'insert', 'anon'] as const;
export type Probe = (typeof PROBES)[number];

export const PROBE_TITLES: Record<Probe, string> = {
  read: "B's rows invisible",
  update: "B's rows not updatable",
  delete: "B's rows not deletable",
  insert: 'insert as B refused',
  anon: 'anon sees nothing',
};

export interface ProbeResult {
  status: 'PASS' | 'FAIL';
  detail: string;
}

export interface TableResult {
  table: string;
  mode: AccessMode;
  owner: string;
  checks: Record<Probe, ProbeResult>;
}

type Row = Record<string, unknown>;

function insertSql(table: Table, values: Map<string, string>): string {
  const tableId = qualifiedIdentifier(table.schema, table.name);
  if (values.size === 0) return `insert into ${tableId} default values`;
  const columns = [...values.keys()].map(quoteIdentifier).join(', ');
  return `insert into ${tableId} (${columns}) values (${[...values.values()].map(quoteLiteral).join(', ')})`;
}

/** Generates rows from column types, parents before children, the owner columns set to the given user. */
class RowFactory {
  private counter = 0;
  private readonly rows = new Map<string, Row>();
  private readonly enumLabels = new Map<string, string | null>();

  constructor(
    private readonly db: Database,
    private readonly schema: SchemaModel,
    private readonly ownershipOf: (table: Table) => Ownership | null,
  ) {}

  private async value(column: Column): Promise<string> {
    const n = ++this.counter;
    const type = column.type.toLowerCase();
    if (type.endsWith('[]')) return '{}';
    if (type === 'uuid') return randomUUID();
    if (/^(smallint|integer|bigint|int\d?|numeric|decimal|real|double precision|float\d?)/.test(type)) return String(n);
    if (type === 'boolean') return 'false';
    if (/^(text|character varying|varchar|citext|name)/.test(type)) return `v${n}`;
    if (/^(character|char|bpchar)\b/.test(type)) return 'v';
    if (/^timestamp|^date/.test(type)) return '2024-01-01T00:00:00Z';
    if (/^time/.test(type)) return '12:00:00';
    if (type === 'interval') return '1 day';
    if (type === 'json' || type === 'jsonb') return '{}';
    if (type === 'bytea') return '\\x00';
    if (type === 'inet' || type === 'cidr') return '127.0.0.1';
    if (!this.enumLabels.has(type)) {
      const { rows } = await this.db
        .query<{ label: string }>(
          `select e.enumlabel as label from pg_catalog.pg_enum e where e.enumtypid = $1::regtype order by e.enumsortorder limit 1`,
          [column.type],
        )
        .catch(() => ({ rows: [] as Array<{ label: string }> }));
      this.enumLabels.set(type, rows[0]?.label ?? null);
    }
    const label = this.enumLabels.get(type);
    if (label) return label;
    throw new Error(`cannot make up a value of type ${column.type} for column ${column.name}`);
  }

  /** The column values of a new row of `table` owned by `user`; parents are created (once per user) as needed. */
  async values(table: Table, user: string): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    const ownership = this.ownershipOf(table);
    if (ownership && ownership.kind !== 'inherited') values.set(ownership.column, user);
    for (const fk of foreignKeys(table)) {
      if (fk.columns.length !== 1 || values.has(fk.columns[0]!) || !fk.references) continue;
      const column = table.columns.find((c) => c.name === fk.columns[0]);
      if (fk.references.schema === 'auth' && fk.references.table === 'users') {
        values.set(fk.columns[0]!, user);
        continue;
      }
      const parent = findTable(this.schema, fk.references.schema, fk.references.table);
      const required = column && !column.nullable && column.default === null;
      const owning = ownership?.kind === 'inherited' && ownership.column === fk.columns[0];
      if (!parent || parent === table || !(required || owning)) continue;
      const parentRow = await this.row(parent, user);
      const target = fk.references.columns[0] ?? primaryKey(parent)?.columns[0];
      if (target) values.set(fk.columns[0]!, String(parentRow[target]));
    }
    for (const column of table.columns) {
      if (values.has(column.name) || column.nullable || column.default !== null) continue;
      values.set(column.name, await this.value(column));
    }
    return values;
  }

  async insert(table: Table, values: Map<string, string>): Promise<Row> {
    const { rows } = await this.db.query<Row>(`${insertSql(table, values)} returning *`);
    return rows[0]!;
  }

  /** The one row of `table` the user owns for the probes, inserted as the database owner (bypassing RLS). */
  async row(table: Table, user: string): Promise<Row> {
    const key = `${table.schema}.${table.name}\0${user}`;
    const existing = this.rows.get(key);
    if (existing) return existing;
    const row = await this.insert(table, await this.values(table, user));
    this.rows.set(key, row);
    return row;
  }
}

function pass(detail: string): ProbeResult {
  return { status: 'PASS', detail };
}

function fail(detail: string): ProbeResult {
  return { status: 'FAIL', detail };
}

function describeError(error: unknown): string {
  const state = sqlState(error);
  return `${(error as Error).message}${state ? ` (SQLSTATE ${state})` : ''}`;
}

export interface Users {
  a: string;
  b: string;
}

/**
 * Runs one probe statement as a signed-in user (or anon), and returns how many rows it touched or
 * the error it raised. The statement runs in a subtransaction that is always rolled back, so a
 * table's probes run in one round trip and leave nothing behind.
 */
const PROBE_FUNCTION = `
create or replace function pg_temp.shipshape_probe(probe_role text, claims text, sub text, statement text,
  out affected int, out error_state text, out error_message text) language plpgsql as $probe$
begin
  begin
    perform set_config('role', probe_role, true), set_config('request.jwt.claims', claims, true),
      set_config('request.jwt.claim.sub', sub, true), set_config('request.jwt.claim.role', probe_role, true);
    execute format('with probe as (%s) select count(*)::int from probe', statement) into affected;
    raise sqlstate 'SSRBK';
  exception
    when sqlstate 'SSRBK' then null;
    when others then
      affected := null;
      error_state := sqlstate;
      error_message := sqlerrm;
  end;
end
$probe$`;

/** Two users to probe with, and the function that runs the probes. */
export async function prepareProbes(db: Database): Promise<Users> {
  const a = randomUUID();
  const b = randomUUID();
  await db.exec(`${PROBE_FUNCTION};
insert into auth.users (id, email) values (${quoteLiteral(a)}, 'user-a@verify.shipshape.test'), (${quoteLiteral(b)}, 'user-b@verify.shipshape.test')`);
  return { a, b };
}

interface ProbeStatement {
  /** The signed-in user, or null for anon. */
  user: string | null;
  sql: string;
}

interface ProbeOutcome {
  rows: number;
  error: { message: string; code: string } | null;
}

async function runProbes(db: Database, statements: Partial<Record<Probe, ProbeStatement>>): Promise<Partial<Record<Probe, ProbeOutcome>>> {
  const probes = PROBES.filter((p) => statements[p]);
  const input = probes.map((p) => {
    const { user, sql } = statements[p]!;
    const role = user ? 'authenticated' : 'anon';
    return { role, claims: JSON.stringify(user ? { sub: user, role } : { role }), sub: user ?? '', sql };
  });
  const { rows } = await db.query<{ affected: number | null; error_state: string | null; error_message: string | null }>(
    `select p.affected, p.error_state, p.error_message
from jsonb_array_elements($1::jsonb) with ordinality as q(probe, position)
cross join lateral pg_temp.shipshape_probe(q.probe ->> 'role', q.probe ->> 'claims', q.probe ->> 'sub', q.probe ->> 'sql') as p
order by q.position`,
    [JSON.stringify(input)],
  );
  return Object.fromEntries(
    probes.map((probe, i) => {
      const row = rows[i]!;
      const error = row.error_state ? { message: row.error_message ?? '', code: row.error_state } : null;
      return [probe, { rows: row.affected ?? 0, error }];
    }),
  );
}

function insertVerdict(outcome: ProbeOutcome): ProbeResult {
  if (!outcome.error) return fail('user A inserts a row owned by user B');
  if (sqlState(outcome.error) === INSUFFICIENT_PRIVILEGE) return pass('refused by row level security');
  return fail(`refused, but not by RLS: ${describeError(outcome.error)}`);
}

function anonVerdict(outcome: ProbeOutcome, mode: AccessMode): ProbeResult {
  if (outcome.error) {
    if (sqlState(outcome.error) === INSUFFICIENT_PRIVILEGE)
      return mode === 'public-read' ? fail('public read, but anon is refused') : pass('refused: permission denied');
    return fail(describeError(outcome.error));
  }
  const n = outcome.rows;
  if (mode === 'public-read')
    return n > 0 ? pass(`public read: anon sees ${n} row(s), as intended`) : pass('public read, but anon sees no rows');
  return n === 0 ? pass('anon sees no rows') : fail(`anon reads ${n} row(s)`);
}

/** The four isolation probes (and the anon probe) on one table, as user A against user B's row. */
export async function probeTable(
  db: Database,
  schema: SchemaModel,
  decision: TableDecision,
  users: Users,
  factory: RowFactory,
): Promise<TableResult> {
  const { table, mode } = decision;
  const owner = decision.ownership
    ? `${decision.ownership.column}${decision.ownership.kind === 'inherited' ? ` → ${qualifiedName(decision.ownership.parent)}` : ''}`
    : decision.team
      ? decision.team.column
      : '-';
  const result = (checks: Record<Probe, ProbeResult>): TableResult => ({ table: qualifiedName(table), mode, owner, checks });
  const everything = (r: ProbeResult) => Object.fromEntries(PROBES.map((p) => [p, r])) as Record<Probe, ProbeResult>;
  const pk = primaryKey(table);
  if (!pk || pk.columns.length === 0) return result(everything(fail('no primary key to point at one row')));
  let rowB: Row;
  try {
    await factory.row(table, users.a);
    rowB = await factory.row(table, users.b);
  } catch (error) {
    return result(everything(fail(`could not insert test rows: ${describeError(error)}`)));
  }
  const tableId = qualifiedIdentifier(table.schema, table.name);
  const where = pk.columns.map((c) => `${quoteIdentifier(c)} = ${quoteLiteral(String(rowB[c]))}`).join(' and ');
  // Identity and generated columns cannot be assigned, not even their own value.
  const assignable = [...table.columns]
    .sort((x, y) => Number(pk.columns.includes(x.name)) - Number(pk.columns.includes(y.name)))
    .find((c) => c.default !== 'identity' && c.default !== 'generated');
  const setClause = assignable
    ? `${quoteIdentifier(assignable.name)} = ${quoteIdentifier(assignable.name)}`
    : `${quoteIdentifier(pk.columns[0]!)} = default`;
  const statements: Partial<Record<Probe, ProbeStatement>> = {
    update: { user: users.a, sql: `update ${tableId} set ${setClause} where ${where} returning 1` },
    delete: { user: users.a, sql: `delete from ${tableId} where ${where} returning 1` },
    anon: { user: null, sql: `select 1 from ${tableId}` },
  };
  if (mode !== 'public-read') statements.read = { user: users.a, sql: `select 1 from ${tableId} where ${where}` };
  let insertNotBuilt: ProbeResult | null = null;
  try {
    statements.insert = { user: users.a, sql: `${insertSql(table, await factory.values(table, users.b))} returning 1` };
  } catch (error) {
    insertNotBuilt = fail(`could not build a row owned by user B: ${describeError(error)}`);
  }
  const outcomes = await runProbes(db, statements);
  const refusedOr = (outcome: ProbeOutcome, none: string, some: string): ProbeResult => {
    if (outcome.error)
      return sqlState(outcome.error) === INSUFFICIENT_PRIVILEGE ? pass('refused: permission denied') : fail(describeError(outcome.error));
    return outcome.rows === 0 ? pass(none) : fail(some);
  };
  const read = outcomes.read
    ? refusedOr(outcomes.read, "user A sees none of user B's rows", "user A reads user B's row")
    : pass("public read: user B's rows are readable by design");
  const update = refusedOr(outcomes.update!, "user A's update touches no row of user B", "user A updates user B's row");
  const remove = refusedOr(outcomes.delete!, "user A's delete removes no row of user B", "user A deletes user B's row");
  const insert = insertNotBuilt ?? insertVerdict(outcomes.insert!);
  const anon = anonVerdict(outcomes.anon!, mode);
  return result({ read, update, delete: remove, insert, anon });
}

export function rowFactory(db: Database, schema: SchemaModel, decisions: readonly TableDecision[]): RowFactory {
  const byTable = new Map(decisions.map((d) => [d.table, d.ownership]));
  return new RowFactory(db, schema, (table) => byTable.get(table) ?? null);
}
