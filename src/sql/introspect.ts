import {
  emptySchema,
  type Constraint,
  type ConstraintKind,
  type PolicyCommand,
  type SchemaModel,
  type SourceLoc,
  type Table,
} from './model.ts';
import { analysePolicyText } from './sql-reader.ts';

/** What introspection needs from a connection: one query at a time. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** Schemas that belong to Postgres or to Supabase's own services, not to the app. */
export const SYSTEM_SCHEMAS = [
  'pg_catalog',
  'information_schema',
  'pg_toast',
  'auth',
  'storage',
  'extensions',
  'graphql',
  'graphql_public',
  'realtime',
  '_realtime',
  'supabase_functions',
  'supabase_migrations',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'net',
  'cron',
  'pgbouncer',
  '_analytics',
  'pgtle',
  'tiger',
  'topology',
];

const KINDS: Record<string, ConstraintKind> = { p: 'primary', u: 'unique', f: 'foreign', c: 'check', x: 'exclusion' };
const FK_ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/** Builds the schema model from the catalog of a live database (tables, columns, constraints, indexes, RLS, policies, functions). */
export async function introspect(db: Queryable, label = 'database'): Promise<SchemaModel> {
  const schema = emptySchema('live', '');
  const loc: SourceLoc = { file: label, line: 1 };
  const system = SYSTEM_SCHEMAS;
  const { rows: tables } = await db.query<{ oid: number; schema: string; name: string; rls: boolean; forced: boolean }>(
    `select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
       from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname <> all($1::text[]) and n.nspname not like 'pg\\_%'
      order by n.nspname, c.relname`,
    [system],
  );
  const byOid = new Map<number, Table>();
  for (const row of tables) {
    const table: Table = {
      schema: row.schema,
      name: row.name,
      columns: [],
      constraints: [],
      rls: { enabled: row.rls, forced: row.forced, loc: row.rls ? loc : null },
      policies: [],
      grants: [],
      loc,
    };
    byOid.set(row.oid, table);
    schema.tables.push(table);
  }
  const oids = [...byOid.keys()];
  if (oids.length > 0) {
    const { rows: columns } = await db.query<{
      table: number;
      name: string;
      type: string;
      nullable: boolean;
      default: string | null;
      identity: string;
      generated: string;
    }>(
      `select a.attrelid::int as table, a.attname as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
              pg_catalog.pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity as identity, a.attgenerated as generated
         from pg_catalog.pg_attribute a left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
        order by a.attrelid, a.attnum`,
      [oids],
    );
    for (const c of columns) {
      byOid.get(c.table)!.columns.push({
        name: c.name,
        type: c.type,
        nullable: c.nullable,
        default: c.default ?? (c.identity ? 'identity' : c.generated ? 'generated' : null),
        loc,
      });
    }
    const { rows: constraints } = await db.query<{
      table: number;
      name: string;
      kind: string;
      columns: string[];
      ref_schema: string | null;
      ref_table: string | null;
      ref_columns: string[] | null;
      on_delete: string;
      validated: boolean;
      definition: string;
    }>(
      `select c.conrelid::int as table, c.conname as name, c.contype as kind,
              array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
              rn.nspname as ref_schema, r.relname as ref_table,
              array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_catalog.pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as ref_columns,
              c.confdeltype as on_delete, c.convalidated as validated, pg_catalog.pg_get_constraintdef(c.oid) as definition
         from pg_catalog.pg_constraint c
         left join pg_catalog.pg_class r on r.oid = c.confrelid left join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace
        where c.conrelid = any($1::oid[]) and c.contype in ('p', 'u', 'f', 'c', 'x')
        order by c.conrelid, c.conname`,
      [oids],
    );
    for (const c of constraints) {
      const constraint: Constraint = { name: c.name, kind: KINDS[c.kind]!, columns: c.columns, notValid: !c.validated, loc };
      if (c.kind === 'f')
        constraint.references = {
          schema: c.ref_schema!,
          table: c.ref_table!,
          columns: c.ref_columns ?? [],
          onDelete: FK_ACTIONS[c.on_delete] ?? null,
        };
      if (c.kind === 'c') constraint.expression = c.definition;
      byOid.get(c.table)!.constraints.push(constraint);
    }
    const { rows: indexes } = await db.query<{ table: number; name: string; unique: boolean; partial: boolean; columns: string[] }>(
      `select ix.indrelid::int as table, i.relname as name, ix.indisunique as unique, ix.indpred is not null as partial,
              array(select coalesce(a.attname::text, '(expression)') from unnest(ix.indkey::int2[]) with ordinality k(n, o)
                      left join pg_catalog.pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.n order by k.o) as columns
         from pg_catalog.pg_index ix join pg_catalog.pg_class i on i.oid = ix.indexrelid
        where ix.indrelid = any($1::oid[]) and ix.indisvalid
        order by i.relname`,
      [oids],
    );
    for (const ix of indexes) {
      const table = byOid.get(ix.table)!;
      schema.indexes.push({
        name: ix.name,
        schema: table.schema,
        table: table.name,
        columns: ix.columns.slice(0, ix.columns.length),
        unique: ix.unique,
        partial: ix.partial,
        loc,
      });
    }
    const { rows: policies } = await db.query<{
      schema: string;
      table: string;
      name: string;
      permissive: string;
      roles: string[];
      cmd: string;
      qual: string | null;
      with_check: string | null;
    }>(
      `select schemaname as schema, tablename as table, policyname as name, permissive, roles::text[] as roles, cmd, qual, with_check from pg_catalog.pg_policies order by schemaname, tablename, policyname`,
    );
    for (const p of policies) {
      const table = schema.tables.find((t) => t.schema === p.schema && t.name === p.table);
      if (!table) continue;
      table.policies.push({
        name: p.name,
        command: p.cmd.toLowerCase() as PolicyCommand,
        roles: p.roles.filter((r) => r !== 'public'),
        permissive: p.permissive === 'PERMISSIVE',
        using: p.qual ? analysePolicyText(p.qual) : null,
        withCheck: p.with_check ? analysePolicyText(p.with_check) : null,
        statement: '',
        loc,
      });
    }
  }
  const { rows: functions } = await db.query<{ schema: string; name: string; definer: boolean; config: string[] | null }>(
    `select n.nspname as schema, p.proname as name, p.prosecdef as definer, p.proconfig as config
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
      where n.nspname <> all($1::text[]) and n.nspname not like 'pg\\_%'`,
    [system],
  );
  for (const f of functions) {
    const setting = (f.config ?? []).find((c) => c.startsWith('search_path='));
    schema.functions.push({
      schema: f.schema,
      name: f.name,
      securityDefiner: f.definer,
      searchPath: setting ? setting.slice('search_path='.length) : null,
      loc,
    });
  }
  return schema;
}
