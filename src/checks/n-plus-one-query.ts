import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { memberName } from '../engine/ast.ts';
import { awaitedQuery, queryKind, type QueryKind } from '../analysis/query-calls.ts';

const SUGGESTION: Record<QueryKind, string> = {
  prisma:
    'load the related rows with the first query (`include`/`select` the relation), or all at once with `findMany({ where: { id: { in: ids } } })`',
  supabase: "select the related rows in the first query (`.select('*, related(*)')`), or all at once with `.in('id', ids)`",
  sql: 'fetch the related rows in one query with a JOIN, or with `WHERE id = ANY($1)` and the list of ids',
};
/** Prisma batches these when they are issued in the same tick, as `Promise.all(ids.map(…))` does. */
const BATCHED = new Set(['findUnique', 'findUniqueOrThrow']);
const LOOPS = new Set(['ForOfStatement', 'ForInStatement', 'ForStatement', 'WhileStatement', 'DoWhileStatement']);
const ITERATORS = new Set(['forEach', 'map', 'flatMap', 'reduce', 'filter', 'some', 'every']);

/** The collection a loop or an iterator call walks over. */
function iterated(node: Node): Node | null {
  if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') return node.right;
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.property.type === 'Identifier' &&
    ITERATORS.has(node.callee.property.name)
  ) {
    return node.callee.object;
  }
  return null;
}

function rootName(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') return rootName(node.object);
  if (node.type === 'LogicalExpression') return rootName(node.left);
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') return rootName(node.callee.object);
  return null;
}

function isPromiseAll(node: Node | undefined): boolean {
  return (
    node?.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.object.type === 'Identifier' &&
    node.callee.object.name === 'Promise' &&
    node.callee.property.type === 'Identifier' &&
    ['all', 'allSettled'].includes(node.callee.property.name)
  );
}

/** The names a loop or an iterator callback binds for each row. */
function rowBindings(loop: Node): Set<string> {
  const names = new Set<string>();
  const collect = (pattern: Node | null | undefined): void => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') names.add(pattern.name);
    else if (pattern.type === 'ObjectPattern')
      for (const p of pattern.properties) collect(p.type === 'RestElement' ? p.argument : (p.value as Node));
    else if (pattern.type === 'ArrayPattern') for (const element of pattern.elements) collect(element);
    else if (pattern.type === 'AssignmentPattern') collect(pattern.left);
    else if (pattern.type === 'RestElement') collect(pattern.argument);
  };
  if ((loop.type === 'ForOfStatement' || loop.type === 'ForInStatement') && loop.left.type === 'VariableDeclaration')
    for (const d of loop.left.declarations) collect(d.id);
  if (loop.type === 'CallExpression') {
    const callback = loop.arguments[0];
    if (callback && (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression'))
      for (const param of callback.params) collect(param);
  }
  return names;
}

function mentions(node: unknown, names: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((child) => mentions(child, names));
  if (!node || typeof node !== 'object') return false;
  const { type } = node as { type?: unknown };
  if (type === 'Identifier' && names.has((node as { name: string }).name)) return true;
  return Object.entries(node).some(([key, child]) => key !== 'loc' && typeof child === 'object' && mentions(child, names));
}

function objectProperty(node: Node | undefined, name: string): Node | null {
  if (node?.type !== 'ObjectExpression') return null;
  const found = node.properties.find(
    (p) =>
      p.type === 'ObjectProperty' &&
      !p.computed &&
      ((p.key.type === 'Identifier' && p.key.name === name) || (p.key.type === 'StringLiteral' && p.key.value === name)),
  );
  return found?.type === 'ObjectProperty' ? (found.value as Node) : null;
}

/**
 * An update that writes values taken from each row: no `updateMany`, `in` list or single statement
 * writes different values to different rows, so the loop is the right shape.
 */
function writesPerRowValues(query: Node, kind: QueryKind, method: string, row: ReadonlySet<string>): boolean {
  if (row.size === 0 || (query.type !== 'CallExpression' && query.type !== 'OptionalCallExpression')) return false;
  const [first, ...rest] = query.arguments as Node[];
  if (kind === 'prisma') {
    if (method === 'update') return mentions(objectProperty(first, 'data'), row);
    if (method === 'upsert') return mentions(objectProperty(first, 'update'), row) || mentions(objectProperty(first, 'create'), row);
    return false;
  }
  if (kind === 'sql') {
    if (first?.type === 'TemplateLiteral')
      return /^\s*update\b/i.test(first.quasis[0]?.value.raw ?? '') && mentions(first.expressions, row);
    if (first?.type !== 'StringLiteral' || !/^\s*update\b/i.test(first.value)) return false;
    // Only the values the SET clause takes count: the WHERE clause's key differs per row in any batchable loop too.
    const set = /\bset\b([\s\S]*?)(?:\bwhere\b|$)/i.exec(first.value)?.[1] ?? '';
    const values = rest[0];
    if (values?.type !== 'ArrayExpression') return mentions(rest, row);
    const numbered = [...set.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1);
    const positions = numbered.length > 0 ? numbered : [...set.matchAll(/\?/g)].map((_, i) => i);
    return positions.some((i) => mentions(values.elements[i], row));
  }
  for (
    let current: Node = query;
    current.type === 'CallExpression' || current.type === 'OptionalCallExpression';
    current = (current.callee as { object: Node }).object
  ) {
    if (memberName(current.callee) === 'update') return mentions(current.arguments, row);
    if (current.callee.type !== 'MemberExpression' && current.callee.type !== 'OptionalMemberExpression') break;
  }
  return false;
}

export default defineCheck({
  meta: {
    id: 'n-plus-one-query',
    title: 'A query per row of another query (N+1)',
    severity: 'medium',
    category: 'data-access',
    messages: { queryPerRow: 'One query per row of `{{source}}`: {{suggestion}}.' },
    docs: 'Awaiting a query inside a loop over the rows of another query makes one round trip per row: a page of 100 rows becomes 101 queries, and the page slows down in step with the data. Fetch the related rows together with the first query, or all at once with an `in` list.',
    // An await, a loop or iterator, and something that looks like a query: only then is there an N+1 to find.
    prefilter: (text) =>
      text.includes('await') &&
      /\b(for|while)\s*\(|\.(forEach|map|flatMap|reduce|filter|some|every)\(/.test(text) &&
      /\.(find\w*|create\w*|update\w*|upsert|delete\w*|count|aggregate|groupBy|from|query|execute)\(|\bsql`|\$queryRaw/.test(text),
    fix: null,
    finds:
      'an awaited query (Prisma, supabase-js, `query()`, `sql` templates) inside a loop or `forEach`/`map` over the rows of another query; `Promise.all` over `findUnique`, which Prisma batches, is fine, and so is an update that writes values taken from each row (a Prisma `update`/`upsert` whose data, a supabase-js `.update()` whose values, or an SQL `UPDATE` whose SET values use the row), which no single query can replace. The message names the one query to write instead (`include`, `in`, a JOIN or `= ANY($1)`)',
    sources: [
      {
        title: 'Prisma: query optimization (the n+1 problem)',
        url: 'https://www.prisma.io/docs/orm/prisma-client/queries/query-optimization-performance',
      },
    ],
  },
  check(ctx) {
    // Names bound to the rows of a query: `const rows = await prisma.x.findMany()`, `const { data } = await supabase…`.
    const rowSources = new Set<string>();
    return {
      VariableDeclarator(declarator) {
        if (!awaitedQuery(declarator.init)) return;
        if (declarator.id.type === 'Identifier') rowSources.add(declarator.id.name);
        if (declarator.id.type === 'ObjectPattern' || declarator.id.type === 'ArrayPattern') {
          const collect = (pattern: Node): void => {
            if (pattern.type === 'Identifier') {
              rowSources.add(pattern.name);
            } else if (pattern.type === 'ObjectPattern') {
              for (const p of pattern.properties) collect(p.type === 'RestElement' ? p.argument : p.value);
            } else if (pattern.type === 'ArrayPattern') {
              for (const element of pattern.elements) if (element) collect(element);
            } else if (pattern.type === 'AssignmentPattern') {
              collect(pattern.left);
            }
          };
          collect(declarator.id);
        }
      },
      AwaitExpression(node, ancestors) {
        const query = queryKind(node.argument);
        if (!query) return;
        for (let i = ancestors.length - 1; i >= 0; i--) {
          const loop = ancestors[i]!;
          const over = LOOPS.has(loop.type) ? iterated(loop) : loop.type === 'CallExpression' ? iterated(loop) : null;
          if (!over && !LOOPS.has(loop.type)) continue;
          const source = rootName(over);
          if (!source || !rowSources.has(source)) return;
          if (BATCHED.has(query.method) && isPromiseAll(ancestors[i - 1])) return;
          if (writesPerRowValues(node.argument, query.kind, query.method, rowBindings(loop))) return;
          ctx.report({
            node: node.argument,
            messageId: 'queryPerRow',
            data: { kind: query.kind, source, suggestion: SUGGESTION[query.kind] },
          });
          return;
        }
      },
    };
  },
});
