import type { CallExpression, Node } from '@babel/types';
import { propertyName } from '../../engine/ast.ts';
import { unboundedSqlText } from './unbounded.ts';
import { type QueryShape, type RowFlow } from './row-uses.ts';

export const ORDERED_SQL = /\border\s+by\b/i;
/** Clauses after which ` ORDER BY … LIMIT n` cannot simply be appended, or that make one table's key meaningless. */
export const UNPAGEABLE_SQL =
  /\b(join|group\s+by|having|distinct|union|intersect|except|offset|returning|window)\b|\bfor\s+(update|share|no\s+key|key)\b|\bfrom\s+[^;]*?,/i;
export const SINGLE_TABLE = /\bfrom\s+("?[\w$]+"?\.)?"?[\w$]+"?(\s+(as\s+)?[a-z_]\w*)?\s*(\bwhere\b[\s\S]*)?\s*;?\s*$/i;

/**
 * How `LIMIT` can be added to a SELECT's text: after its own ORDER BY, or with `ORDER BY id` when it
 * reads one table; null when neither is sure (a join, a GROUP BY, an OFFSET), so a page would be arbitrary.
 */
export function sqlPaging(text: string): { orderBy: string | null } | null {
  if (/\boffset\b|\bfor\s+(update|share)\b/i.test(text)) return null;
  if (ORDERED_SQL.test(text)) return { orderBy: null };
  if (UNPAGEABLE_SQL.test(text) || !SINGLE_TABLE.test(text)) return null;
  return { orderBy: 'id' };
}

/** The span of a SELECT's column list, for `count(*)`: only for a plain one-table read whose columns hold no subquery. */
export function sqlColumnList(text: string): { start: number; end: number } | null {
  if (ORDERED_SQL.test(text) || UNPAGEABLE_SQL.test(text)) return null;
  const match = /^(\s*select\s+)([^()]*?)\s+from\b/i.exec(text);
  if (!match) return null;
  return { start: match[1]!.length, end: match[1]!.length + match[2]!.length };
}

/** Prisma `findMany` arguments that a `count` can drop without changing how many rows it counts. */
export const COUNT_DROPPABLE = new Set(['where', 'select', 'include', 'omit', 'orderBy', 'relationLoadStrategy']);

/** Whether `findMany(args)` can become `count({ where })`: no `distinct`, `skip` or `cursor` that a count would not honour the same way. */
export function countableFindMany(call: CallExpression): boolean {
  const [args] = call.arguments;
  if (!args) return true;
  if (args.type !== 'ObjectExpression') return false;
  return args.properties.every((p) => p.type === 'ObjectProperty' && COUNT_DROPPABLE.has(propertyName(p) ?? ''));
}

/** Whether bound-list-query can rewrite a query whose rows flow as `flow`: the check offers the fix only then. */
export function boundFixApplies(query: Node, shape: QueryShape, flow: RowFlow): boolean {
  if (flow.kind !== 'response' && flow.kind !== 'count') return false;
  if (shape === 'prisma') return flow.kind === 'response' || countableFindMany(query as CallExpression);
  if (shape === 'supabase') return flow.kind === 'response' || (query as CallExpression).arguments.length <= 1;
  const text = unboundedSqlText(query) ?? '';
  return flow.kind === 'response' ? sqlPaging(text) !== null : sqlColumnList(text) !== null;
}
