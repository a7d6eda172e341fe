import type { Node } from '@babel/types';
import { memberName } from '../engine/ast.ts';

const PRISMA_METHODS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'create',
  'createMany',
  'update',
  'updateMany',
  'upsert',
  'delete',
  'deleteMany',
]);

export type QueryKind = 'prisma' | 'supabase' | 'sql';

/** What a database call looks like from the outside: `prisma.x.findMany()`, a supabase-js chain, `query()` or a `sql` template. */
export function queryKind(node: Node | null | undefined): { kind: QueryKind; method: string } | null {
  if (!node) return null;
  if (node.type === 'TaggedTemplateExpression') {
    const tag = node.tag.type === 'Identifier' ? node.tag.name : memberName(node.tag);
    return tag === 'sql' || tag === '$queryRaw' ? { kind: 'sql', method: tag } : null;
  }
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return null;
  const name = memberName(node.callee);
  if (!name) return null;
  const receiver = (node.callee as { object: Node }).object;
  if (PRISMA_METHODS.has(name) && (receiver.type === 'MemberExpression' || receiver.type === 'OptionalMemberExpression'))
    return { kind: 'prisma', method: name };
  if (name === 'query' || name === 'execute') return { kind: 'sql', method: name };
  // A supabase-js chain: somewhere below, `.from(table)`.
  for (let current: Node = node; current.type === 'CallExpression' || current.type === 'OptionalCallExpression';) {
    const callee: Node = current.callee;
    if (memberName(callee) === 'from') return { kind: 'supabase', method: name };
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') break;
    current = callee.object;
  }
  return null;
}

/** `await q` or `(await q).x`: the query an expression waits for. */
export function awaitedQuery(node: Node | null | undefined): { kind: QueryKind; method: string } | null {
  if (!node) return null;
  if (node.type === 'AwaitExpression') return queryKind(node.argument);
  if (node.type === 'MemberExpression') return awaitedQuery(node.object);
  return null;
}
