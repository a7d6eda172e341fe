import type { CallExpression, Identifier, MemberExpression, Node, ObjectProperty } from '@babel/types';
import { isPropertyAfterDot, memberName } from '../../engine/ast.ts';
import { walk } from '../../engine/walk.ts';

export type QueryShape = 'prisma' | 'supabase' | 'sql';

/**
 * Where a list query's rows go, which decides whether a page size is safe:
 * - `response`: to a response or a render, where a page of rows is what the user asked for;
 * - `count`: only counted (`rows.length`), so the database should count them;
 * - `kept`: processed whole (a transaction, an aggregate, a loop, a write, a join), where fewer
 *   rows would change the result;
 * - `pick`: only the first rows are used (`rows[0]`, `const [row] = rows`): a lookup when the query
 *   filters, every row of the table for one when it does not;
 * - `unclear`: anywhere else (a helper's caller, a function shipshape does not follow).
 */
export type RowFlow =
  | { kind: 'response' }
  | {
      kind: 'count';
      /** Every `.length` read of the rows, emptiness tests (`if (!rows.length)`) included: each becomes the count. */
      lengths: MemberExpression[];
      dataKeys: ObjectProperty[];
      /** False where the rows are also read another way that a count would change (`if (!rows)`, a log). */
      exact: boolean;
    }
  | { kind: 'kept'; why: string }
  | { kind: 'pick' }
  | { kind: 'unclear' };

export const UNCLEAR: RowFlow = { kind: 'unclear' };
export const RESPONSE: RowFlow = { kind: 'response' };
/** A use that neither bounds nor needs every row: an emptiness test, `if (!rows)`. */
export const NEUTRAL = null;
/** `rows.length` read as a truth value: neutral to what the rows are for, but read all the same. */
export interface EmptinessTest {
  kind: 'emptiness';
  length: MemberExpression;
}
export type Use = RowFlow | typeof NEUTRAL | EmptinessTest;

export const kept = (why: string): RowFlow => ({ kind: 'kept', why });
export const PICK: RowFlow = { kind: 'pick' };

export function combine(uses: readonly Use[]): RowFlow {
  const tests = uses.filter((use): use is EmptinessTest => use?.kind === 'emptiness');
  const flows = uses.filter((use): use is RowFlow => use !== NEUTRAL && use.kind !== 'emptiness');
  if (flows.length === 0) return UNCLEAR;
  const keptFlow = flows.find((flow) => flow.kind === 'kept');
  if (keptFlow) return keptFlow;
  if (flows.every((flow) => flow.kind === 'pick')) return PICK;
  if (flows.some((flow) => flow.kind === 'pick')) return kept('rows are picked out of the list as well as used');
  const counts = flows.filter((flow): flow is Extract<RowFlow, { kind: 'count' }> => flow.kind === 'count');
  if (counts.length > 0 && counts.length < flows.length) return kept('the rows are counted as well as used');
  if (counts.length > 0)
    return {
      kind: 'count',
      lengths: [...counts.flatMap((c) => c.lengths), ...tests.map((test) => test.length)],
      dataKeys: counts.flatMap((c) => c.dataKeys),
      exact: !uses.includes(NEUTRAL) && counts.every((c) => c.exact),
    };
  return flows.some((flow) => flow.kind === 'unclear') ? UNCLEAR : RESPONSE;
}

export const WRAPPERS = new Set([
  'AwaitExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
]);
export const PASS_THROUGH_METHODS = new Set(['map', 'flatMap', 'flat']);
/** Methods whose result depends on every row: a page of rows would give another answer (sorting or filtering a page is not a page of the sorted or filtered list). */
export const WHOLE_LIST_METHODS = new Set([
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'includes',
  'indexOf',
  'lastIndexOf',
  'reduce',
  'reduceRight',
  'forEach',
  'join',
  'entries',
  'keys',
  'values',
  'at',
  'filter',
  'sort',
  'toSorted',
  'reverse',
  'toReversed',
  'slice',
  'splice',
  'concat',
]);
/** Lookups into another list or index inside a per-row callback: a join by hand. */
export const JOIN_LOOKUPS = new Set(['find', 'findIndex', 'filter', 'some', 'every', 'includes', 'get', 'has']);

/** Whether a per-row callback looks rows up in another list (`authors.find(a => a.id === post.authorId)`). */
export function joinsAnotherList(callback: Node): boolean {
  const parameters = new Set((callback as { params: Node[] }).params.flatMap((p) => (p.type === 'Identifier' ? [p.name] : [])));
  let joins = false;
  const visit = (node: Node) => {
    const call = node as CallExpression;
    const method = memberName(call.callee);
    if (!method || !JOIN_LOOKUPS.has(method)) return;
    const object = (call.callee as MemberExpression).object;
    if (object.type === 'Identifier' && !parameters.has(object.name)) joins = true;
  };
  walk(
    callback,
    new Map([
      ['CallExpression', [visit]],
      ['OptionalCallExpression', [visit]],
    ]),
  );
  return joins;
}
export const WRITE_METHODS = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'upsert',
  'delete',
  'deleteMany',
  'insert',
  'executeRaw',
  '$executeRaw',
  'set',
  'push',
  'add',
  'send',
  'emit',
  'write',
]);
export const RESPONSE_CALLS = new Set(['json', 'send']);
export const INDEX_BUILDERS = new Set(['Map', 'Set', 'WeakMap', 'fromEntries', 'groupBy']);
export const TRANSACTION_CALLS = new Set(['$transaction', 'transaction', 'begin']);
export const TRANSACTION_NAMES = /^(tx|trx|txn|transaction|t)$/i;
export const ROUTE_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function isFunction(node: Node): boolean {
  return /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod)$/.test(node.type);
}

export function hasUseServer(node: Node): boolean {
  const directives =
    node.type === 'Program'
      ? node.directives
      : 'body' in node && node.body && (node.body as Node).type === 'BlockStatement'
        ? (node.body as { directives: Array<{ value: { value: string } }> }).directives
        : [];
  return (directives ?? []).some((directive) => directive.value.value === 'use server');
}

/** Whether `node` is read as a truth value (`if (!rows.length)`, `rows.length > 0`): emptiness survives a page size. */
export function isEmptinessTest(length: Node, ancestors: readonly Node[]): boolean {
  const parent = ancestors.at(-1);
  if (!parent) return false;
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
  if (
    (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression' || parent.type === 'WhileStatement') &&
    parent.test === length
  )
    return true;
  if (parent.type === 'LogicalExpression' && parent.left === length && parent.operator === '&&') return true;
  if (parent.type === 'BinaryExpression') {
    const other = parent.left === length ? parent.right : parent.left;
    return (
      other.type === 'NumericLiteral' &&
      (other.value === 0 || (other.value === 1 && /^(<|>=)$/.test(parent.operator) === (parent.left === length)))
    );
  }
  return false;
}

export function rendersJsx(fn: Node): boolean {
  let jsx = false;
  walk(
    fn,
    new Map([
      ['JSXElement', [() => (jsx = true)]],
      ['JSXFragment', [() => (jsx = true)]],
    ]),
  );
  return jsx;
}

/** The name a function is called by in its module, and whether other modules can call it. */
export function functionName(fn: Node, ancestors: readonly Node[]): { name: string; exported: boolean } | null {
  const parent = ancestors.at(-1);
  let name: string | null = null;
  let holder: Node | undefined = parent;
  let holderIndex = ancestors.length - 1;
  if (fn.type === 'FunctionDeclaration' && fn.id) {
    name = fn.id.name;
    holder = fn;
    holderIndex = ancestors.length;
  } else if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    name = parent.id.name;
    holder = ancestors[ancestors.length - 2];
    holderIndex = ancestors.length - 2;
  }
  if (!name || !holder) return null;
  const above = holderIndex >= 1 ? ancestors[holderIndex - 1] : undefined;
  const exported =
    above?.type === 'ExportNamedDeclaration' ||
    above?.type === 'ExportDefaultDeclaration' ||
    (fn.type === 'FunctionDeclaration' && parent?.type === 'ExportNamedDeclaration') ||
    parent?.type === 'ExportDefaultDeclaration';
  return { name, exported };
}

export interface Reference {
  node: Identifier;
  ancestors: Node[];
}

/** Every read of `name` inside `scope` (not its declaration, not property names), with full ancestor chains. */
export function referencesOf(name: string, scope: Node, outer: readonly Node[], declaration: Node | null): Reference[] {
  const found: Reference[] = [];
  const visit = (node: Node, ancestors: readonly Node[]) => {
    const identifier = node as Identifier;
    if (identifier.name !== name || node === declaration) return;
    const parent = ancestors.at(-1);
    if (isPropertyAfterDot(node, parent)) return;
    if (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed && !parent.shorthand) return;
    if (parent?.type === 'ObjectProperty' && parent.shorthand && parent.key === node && parent.value !== node) return;
    if (parent?.type === 'VariableDeclarator' && parent.id === node) return;
    if (parent && /^(ObjectPattern|ArrayPattern)$/.test(parent.type)) return;
    if (parent?.type === 'ObjectProperty' && ancestors.at(-2)?.type === 'ObjectPattern') return;
    if (parent && isFunction(parent) && (parent as { params: Node[] }).params.includes(node)) return;
    found.push({ node: identifier, ancestors: [...outer, ...ancestors] });
  };
  walk(scope, new Map([['Identifier', [visit]]]));
  return found;
}
