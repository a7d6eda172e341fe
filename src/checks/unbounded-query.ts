import type { CallExpression, Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { LIST_QUERY_TEXT } from '../../transforms/meta/bound-list-query.ts';
import {
  ancestorsAbove,
  boundFixApplies,
  isUnboundedFindMany,
  queryFilters,
  rowFlow,
  unboundedSelectEnd,
  unboundedSqlText,
  type Equality,
  type QueryFilters,
  type QueryShape,
} from '../analysis/list-queries.ts';
import { isDevelopmentFile } from '../project/dependencies.ts';
import { loadSchemas, schemaForFile } from '../sql/load-schema.ts';
import { findTable, foreignKeys, isUniqueOn, primaryKey, type SchemaModel, type Table } from '../sql/model.ts';
import { isUsersTable, OWNER_COLUMN_NAMES, ownerColumn } from '../sql/ownership.ts';

interface ListQuery {
  file: string;
  line: number;
  column: number;
  shape: QueryShape;
  flow: 'response' | 'count' | 'pick' | 'unclear';
  /** The fix can rewrite it, given an order: its own, or the table's primary key. */
  fixable: boolean;
  filters: QueryFilters;
}

/** The table a query reads, and its columns by the names the query uses (Prisma field names map to columns). */
function tableOf(
  schema: SchemaModel,
  shape: QueryShape,
  target: string,
): { table: Table; column: (name: string) => string | undefined } | null {
  if (shape === 'prisma') {
    const table = schema.tables.find((t) => t.model !== undefined && t.model.charAt(0).toLowerCase() + t.model.slice(1) === target);
    return table?.fields ? { table, column: (field) => table.fields![field] } : null;
  }
  const table = findTable(schema, 'public', target);
  return table ? { table, column: (name) => (table.columns.some((c) => c.name === name) ? name : undefined) } : null;
}

/**
 * Without a schema, a column named as a reference to a user: the owner column names RLS knows, an
 * account or profile id, and a user's name (`nikname`, `master_nikname`, `ms_user`).
 */
const USER_REFERENCE_NAME = new RegExp(
  String.raw`^(${[...OWNER_COLUMN_NAMES, 'account_id', 'accountId'].join('|')}|nikname|nickname|username|userName)$|_(user|nikname|nickname|username)$`,
);

/** A column named for the role a user plays in a row (`master`, `recipient`): an owner column only when the value it is compared with is named as a user. */
const USER_ROLE_NAME = /^(master|client|customer|sender|recipient|owner|author|member)$/;

/** Without a schema, a column that by convention holds one value per row: equal to one value, a lookup. */
const UNIQUE_IDENTIFIER_NAME = /^(email|phone|username|userName|nikname|nickname|login|slug|handle)$/;

/**
 * Whether an equality holds the rows to one user's, or to one row: a query over every user's rows is
 * what grows with sign-ups; one user's rows grow only with that user's activity.
 */
function scopesToOneUser(
  equality: Equality,
  schema: SchemaModel | null,
  read: { table: Table; column: (name: string) => string | undefined } | null,
): boolean {
  if (equality.constant) return false;
  if (schema && read) {
    const column = read.column(equality.column);
    if (!column) return false;
    if (ownerColumn(schema, read.table) === column) return true;
    return foreignKeys(read.table).some(
      (fk) => fk.columns.length === 1 && fk.columns[0] === column && fk.references !== undefined && isUsersTable(schema, fk.references),
    );
  }
  const { column, value } = equality;
  if (USER_REFERENCE_NAME.test(column) || UNIQUE_IDENTIFIER_NAME.test(column)) return true;
  return USER_ROLE_NAME.test(column) && value !== null && USER_REFERENCE_NAME.test(value);
}

const UNBOUNDED: Record<QueryShape, string> = {
  prisma: '`findMany` without `take` loads every matching row',
  supabase: '`.select()` without `.range()` or `.limit()` loads every row',
  sql: 'This SELECT has no LIMIT: it returns every matching row',
};

const ONE_ROW: Record<QueryShape, string> = {
  prisma: '`findFirst` (or `take: 1`)',
  supabase: '`.limit(1)`',
  sql: '`LIMIT 1`',
};

const COUNT: Record<QueryShape, string> = {
  prisma: '`prisma.<model>.count({ where })`',
  supabase: "`.select('*', { count: 'exact', head: true })`",
  sql: '`SELECT count(*)`',
};

export default defineCheck({
  meta: {
    id: 'unbounded-query',
    title: 'List query with no limit',
    severity: 'medium',
    category: 'data-access',
    messages: {
      countOnly: '{{unbounded}} only to count them{{cap}}: {{countQuery}} asks the database for the number instead.',
      intoResponse: '{{unbounded}} into the response or the page{{cap}}.',
      intoResponseByHand:
        '{{unbounded}} into the response or the page{{cap}}; page it by hand: shipshape cannot tell which key orders this one.',
      firstOfAll:
        '{{unbounded}}{{cap}} only to use the first, and nothing filters it: the whole table for one row. Ask the database for that row: {{oneRow}}.',
      unclearFlow:
        '{{unbounded}}{{cap}}, and shipshape cannot tell where the rows go: bound it where they are shown, or suppress this where every row is needed.',
    },
    docs: 'A query without a limit returns every row: fine with ten rows, a timeout and a memory spike with a hundred thousand, and Supabase silently stops at 1,000 so the UI shows wrong data. Where the rows go to a response or a page, ask for one page (`take`, `.range()`, `LIMIT`, ordered by the primary key) and let the caller ask for the next; where they are only counted, ask the database for the count. Rows a transaction, a sum, a loop, a write or a join needs whole are left alone.',
    prefilter: LIST_QUERY_TEXT,
    fix: 'bound-list-query',
    finds:
      "a list query with no limit outside scripts, seeds and tests (Prisma `findMany` without `take`, supabase-js `.from().select()` without `.range()`, `.limit()`, `.single()`, `.maybeSingle()` or `head: true`, SQL `SELECT … FROM` without `LIMIT`, written in the call or held in a `const`; a query held in one gets no fix), judged by where its rows go. Reported: rows that flow to a response or a render (`res.json`, `NextResponse.json`, `Response.json`, props from `getServerSideProps`/`getStaticProps`, JSX or a component's return, state a component renders, a server action's result, a helper of the same module whose callers do that); rows that are only counted (`rows.length`), which loads every row to count them; rows whose destination shipshape cannot see (returned from an exported helper, passed to another function), reported without a fix; and the first row or rows picked out (`rows[0]`, `const [row] = rows`) of a query that nothing filters (`SELECT * FROM t ORDER BY id DESC`, also through a callback-style `pool.query`), which loads the whole table for one row, reported without a fix. Not reported: queries inside a transaction (`$transaction`, `tx.`, `BEGIN`, `sql.begin`), rows that feed an aggregate (`reduce`, `forEach`, a loop, `.length` beside other uses), a sort or filter in code, a write or a join by hand (`find`, `some`, `new Map(…)`), `in` filters (`{ in: [...] }`, `.in()`, `IN (…)`, `= ANY(…)`), lookups by `id` (`where: { id }`, `.eq('id', …)`, `WHERE t.id = $1`) or by any other unique key the schema model gives (Prisma `@id`/`@@id`/`@unique`/`@@unique`, SQL primary keys, unique constraints and unique indexes; every column of the key compared with `=`), the signed-in user's own rows (an equality with the id of the user a call such as `getAuthUser()`, `auth()`, `supabase.auth.getUser()` or `getServerSession()` returned in the same function), one user's rows, which grow with that user's activity rather than with sign-ups (every branch of the filter compares an owner column with `=`, `where: { userId }` or `.eq()`, so `sender = $1 or recipient = $1` counts too: a column the schema model's RLS owner notion names or a foreign key to the users table, or where no schema gives the table, a column named as a user reference, `user_id`, `userId`, `owner_id`, `author_id`, `created_by`, `account_id`, `profile_id`, a name ending in `_user`, `_nikname`, `_nickname` or `_username`, or `nikname`, `nickname`, `username`, or a user-role column, `master`, `client`, `customer`, `sender`, `recipient`, `owner`, `author`, `member`, compared with a value named as a user such as `req.query.nikname`), a lookup by a conventionally unique column where no schema gives the table (`email`, `phone`, `username`, `nikname`, `nickname`, `login`, `slug`, `handle`), a window closed on both ends (`{ gte, lt }`, `.gte().lt()` on one column, `>=` and `<`, `BETWEEN`, a rolling window such as `created_at >= now() - interval '14 days'`, or an equality on a calendar-period column such as `order_month` or `year`), one row picked out (`rows[0]`, `const [row]`) of a query that filters, and aggregates in SQL. An owner column compared with a constant (`user_id is null`, `.eq('user_id', 'shared')`) and an equality on any other column (`city`, `state`, `status`) scope nothing and stay reported",
    sources: [
      {
        title: 'Supabase JavaScript reference: select (at most 1,000 rows by default)',
        url: 'https://supabase.com/docs/reference/javascript/select',
      },
      { title: 'Supabase JavaScript reference: range', url: 'https://supabase.com/docs/reference/javascript/range' },
      { title: 'Prisma: pagination', url: 'https://www.prisma.io/docs/orm/prisma-client/queries/pagination' },
    ],
  },
  check(ctx) {
    // Seeds, scripts and tests may read whole tables on purpose.
    if (isDevelopmentFile(ctx.file.path) || /(^|\/)prisma\//.test(ctx.file.path)) return;
    const judge = (node: Node, query: Node, ancestors: readonly Node[], shape: QueryShape, end?: CallExpression) => {
      const flow = rowFlow(query, ancestors);
      if (flow.kind === 'kept') return;
      const filters = queryFilters(node, shape, ancestors, end);
      // The first row of a filtered query is a lookup; of the whole table, every row loaded for one.
      if (flow.kind === 'pick' && filters.filtered) return;
      ctx.collect({
        file: ctx.file.path,
        line: node.loc!.start.line,
        column: node.loc!.start.column + 1,
        shape,
        flow: flow.kind,
        // The fix is offered only where it keeps what the code does: a page where rows are shown, a count where they are counted.
        fixable: boundFixApplies(node, shape, flow),
        filters,
      } satisfies ListQuery);
    };
    return {
      CallExpression(call, ancestors) {
        if (isUnboundedFindMany(call)) return judge(call, call, ancestors, 'prisma');
        const end = unboundedSelectEnd(call, ancestors);
        if (end) return judge(call, end, ancestorsAbove(end, ancestors), 'supabase', end);
        if (unboundedSqlText(call, ancestors)) judge(call, call, ancestors, 'sql');
      },
      TaggedTemplateExpression(node, ancestors) {
        if (unboundedSqlText(node)) judge(node, node, ancestors, 'sql');
      },
    };
  },
  finish(ctx) {
    const schemas = loadSchemas(ctx.project);
    for (const query of ctx.facts as ListQuery[]) {
      const { shape, filters } = query;
      // One user's own rows, or a window closed on both ends, is as many rows as the filter lets through.
      if (filters.ownedBySignedInUser || filters.windowed) continue;
      const schema = schemaForFile(schemas, query.file);
      const read = schema && filters.target ? tableOf(schema, shape, filters.target) : null;
      const compared = read ? filters.equalities.flatMap((name) => read.column(name) ?? []) : [];
      // A lookup by any unique key (the primary key, a unique constraint or index) returns at most one row.
      if (read && compared.length > 0 && isUniqueOn(schema!, read.table, compared)) continue;
      // An OR of such equalities (`sender = $1 or recipient = $1`) still scopes every row it returns.
      if (
        filters.alternatives.length > 0 &&
        filters.alternatives.every((alternative) => alternative.some((equality) => scopesToOneUser(equality, schema ?? null, read)))
      )
        continue;
      // A page needs an order: the query's own, or the table's primary key. Without either, a page would be arbitrary rows.
      const keyKnown = filters.ordered || query.flow === 'count' || (read !== null && primaryKey(read.table) !== undefined);
      const fix = query.fixable && keyKnown ? {} : { fix: '' };
      const cap = shape === 'supabase' ? ' (and Supabase stops at 1,000 without saying so)' : '';
      const messageId =
        query.flow === 'pick'
          ? 'firstOfAll'
          : query.flow === 'count'
            ? 'countOnly'
            : query.flow === 'response'
              ? 'fix' in fix
                ? 'intoResponseByHand'
                : 'intoResponse'
              : 'unclearFlow';
      ctx.report({
        file: query.file,
        loc: { line: query.line, column: query.column },
        messageId,
        data: { kind: shape, flow: query.flow, unbounded: UNBOUNDED[shape], cap, countQuery: COUNT[shape], oneRow: ONE_ROW[shape] },
        ...(query.flow === 'pick' ? { fix: '' } : fix),
      });
    }
  },
});
