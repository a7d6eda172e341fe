import type { CallExpression, Node, ObjectExpression, TaggedTemplateExpression } from '@babel/types';
import { FUNCTION_TYPES, memberName } from '../../engine/ast.ts';
import { forEachNode } from '../../engine/walk.ts';

export function objectKeys(node: ObjectExpression): string[] {
  return node.properties.flatMap((p) =>
    p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier'
      ? [p.key.name]
      : p.type === 'ObjectProperty' && p.key.type === 'StringLiteral'
        ? [p.key.value]
        : [],
  );
}

export function containsInFilter(node: Node): boolean {
  if (node.type === 'ObjectExpression') {
    return node.properties.some(
      (p) =>
        p.type === 'ObjectProperty' && ((!p.computed && p.key.type === 'Identifier' && p.key.name === 'in') || containsInFilter(p.value)),
    );
  }
  return false;
}

/** `prisma.model.findMany(…)` with no `take`, and no `in` filter that bounds it to a list the caller holds. */
export function isUnboundedFindMany(call: CallExpression): boolean {
  if (memberName(call.callee) !== 'findMany') return false;
  const callee = call.callee as { object: Node };
  if (callee.object.type !== 'MemberExpression') return false;
  const [args] = call.arguments;
  if (!args) return true;
  if (args.type !== 'ObjectExpression') return false;
  if (args.properties.some((p) => p.type === 'SpreadElement')) return false;
  const keys = objectKeys(args);
  if (keys.includes('take')) return false;
  const where = args.properties.find((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'where');
  if (where?.type !== 'ObjectProperty') return true;
  // A lookup by primary key, or by a list the caller holds, returns no more rows than it names.
  return !containsInFilter(where.value) && !(where.value.type === 'ObjectExpression' && objectKeys(where.value).includes('id'));
}

export const BOUNDING = new Set(['range', 'limit', 'single', 'maybeSingle']);
export const BUILDER = new Set([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'likeAllOf',
  'likeAnyOf',
  'ilikeAllOf',
  'ilikeAnyOf',
  'is',
  'in',
  'contains',
  'containedBy',
  'rangeGt',
  'rangeGte',
  'rangeLt',
  'rangeLte',
  'rangeAdjacent',
  'overlaps',
  'textSearch',
  'match',
  'not',
  'or',
  'filter',
  'order',
  'abortSignal',
  'returns',
  'throwOnError',
  'overrideTypes',
]);

/**
 * For `supabase.from(t).select(…)…`: the last call of its filter chain, where a `.range()` belongs,
 * or null when the chain is bounded (range, limit, single, maybeSingle, `head: true`, `.eq('id', …)`).
 */
export function unboundedSelectEnd(call: CallExpression, ancestors: readonly Node[]): CallExpression | null {
  if (memberName(call.callee) !== 'select') return null;
  const receiver = (call.callee as { object: Node }).object;
  if (receiver.type !== 'CallExpression' || memberName(receiver.callee) !== 'from') return null;
  const options = call.arguments[1];
  if (
    options?.type === 'ObjectExpression' &&
    options.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'head')
  )
    return null;
  let end = call;
  for (let i = ancestors.length - 1; i >= 1; i -= 2) {
    const member = ancestors[i]!;
    const outer = ancestors[i - 1]!;
    if ((member.type !== 'MemberExpression' && member.type !== 'OptionalMemberExpression') || member.object !== end) break;
    if (outer.type !== 'CallExpression' && outer.type !== 'OptionalCallExpression') break;
    const method = memberName(member);
    if (!method) break;
    if (BOUNDING.has(method)) return null;
    if (method === 'eq' && outer.arguments[0]?.type === 'StringLiteral' && outer.arguments[0].value === 'id') return null;
    if (method === 'in') return null;
    if (!BUILDER.has(method)) break;
    end = outer as CallExpression;
  }
  return end;
}

export const SELECT_ROWS = /^\s*select\b[\s\S]*\bfrom\b/i;
export const BOUNDED_SQL =
  /\blimit\s+\S|\bfetch\s+(first|next)\b|\b(count|sum|avg|min|max|exists)\s*\(|\bwhere\b[\s\S]*?(^|[\s(.])"?id"?\s*=\s*(\$|\?|:\w|'|\d)|\bin\s*\(|=\s*any\s*\(/i;

function mentions(node: Node, name: string): boolean {
  let found = false;
  forEachNode(node, (inner) => void (found ||= inner.type === 'Identifier' && inner.name === name));
  return found;
}

/**
 * The literal a name holds, when the nearest block around the use that declares it does so with a
 * `const` and a string or template (`const query = \`SELECT …\`; pool.query(query, …)`).
 */
function heldLiteral(name: string, ancestors: readonly Node[]): Node | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const block = ancestors[i]!;
    // A parameter of that name, between the use and the declaration, is another binding.
    if (FUNCTION_TYPES.has(block.type) && (block as { params: Node[] }).params.some((param) => mentions(param, name))) return null;
    if (block.type !== 'BlockStatement' && block.type !== 'Program') continue;
    for (const statement of block.body) {
      if (statement.type !== 'VariableDeclaration') continue;
      const declarator = statement.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === name);
      if (!declarator) continue;
      const init = declarator.init;
      return statement.kind === 'const' && (init?.type === 'StringLiteral' || init?.type === 'TemplateLiteral') ? init : null;
    }
  }
  return null;
}

/**
 * SQL text of a `query()` call or a `$queryRaw`/`sql` tagged template that reads rows with no LIMIT.
 * Given the call's ancestors, text a `const` holds counts too (and a fix, which rewrites the call's
 * own literal, leaves such a query alone: it is given none).
 */
export function unboundedSqlText(node: Node, ancestors?: readonly Node[]): string | null {
  let text: string | null = null;
  if (node.type === 'CallExpression') {
    const method = memberName(node.callee);
    if (method !== 'query' && method !== 'execute' && method !== '$queryRawUnsafe') return null;
    let [first] = node.arguments as Node[];
    if (first?.type === 'Identifier' && ancestors) first = heldLiteral(first.name, ancestors) ?? first;
    if (first?.type === 'StringLiteral') text = first.value;
    else if (first?.type === 'TemplateLiteral') text = first.quasis.map((q) => q.value.cooked ?? '').join(' $ ');
  } else if (node.type === 'TaggedTemplateExpression') {
    const tag = (node as TaggedTemplateExpression).tag;
    const name = tag.type === 'Identifier' ? tag.name : memberName(tag);
    if (name !== '$queryRaw' && name !== 'sql') return null;
    text = (node as TaggedTemplateExpression).quasi.quasis.map((q) => q.value.cooked ?? '').join(' $ ');
  }
  if (text === null || !SELECT_ROWS.test(text) || BOUNDED_SQL.test(text)) return null;
  return text;
}
