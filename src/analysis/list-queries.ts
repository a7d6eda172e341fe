import type {
  CallExpression,
  Identifier,
  MemberExpression,
  Node,
  ObjectExpression,
  ObjectProperty,
  Program,
  TaggedTemplateExpression,
} from '@babel/types';
import { enclosingFunction, memberName, propertyName } from '../engine/ast.ts';
import { walk } from '../engine/walk.ts';

function objectKeys(node: ObjectExpression): string[] {
  return node.properties.flatMap((p) =>
    p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier'
      ? [p.key.name]
      : p.type === 'ObjectProperty' && p.key.type === 'StringLiteral'
        ? [p.key.value]
        : [],
  );
}

function containsInFilter(node: Node): boolean {
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

const BOUNDING = new Set(['range', 'limit', 'single', 'maybeSingle']);
const BUILDER = new Set([
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

const SELECT_ROWS = /^\s*select\b[\s\S]*\bfrom\b/i;
const BOUNDED_SQL =
  /\blimit\s+\S|\bfetch\s+(first|next)\b|\b(count|sum|avg|min|max|exists)\s*\(|\bwhere\b[\s\S]*?(^|[\s(.])"?id"?\s*=\s*(\$|\?|:\w|'|\d)|\bin\s*\(|=\s*any\s*\(/i;

/** SQL text of a `query()` call or a `$queryRaw`/`sql` tagged template that reads rows with no LIMIT. */
export function unboundedSqlText(node: Node): string | null {
  let text: string | null = null;
  if (node.type === 'CallExpression') {
    const method = memberName(node.callee);
    if (method !== 'query' && method !== 'execute' && method !== '$queryRawUnsafe') return null;
    const [first] = node.arguments;
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

export type QueryShape = 'prisma' | 'supabase' | 'sql';

/**
 * Where a list query's rows go, which decides whether a page size is safe:
 * - `response`: to a response or a render, where a page of rows is what the user asked for;
 * - `count`: only counted (`rows.length`), so the database should count them;
 * - `kept`: processed whole (a transaction, an aggregate, a loop, a write, a join, a lookup),
 *   where fewer rows would change the result;
 * - `unclear`: anywhere else (a helper's caller, a function shipshape does not follow).
 */
export type RowFlow =
  | { kind: 'response' }
  | { kind: 'count'; lengths: MemberExpression[]; dataKeys: ObjectProperty[] }
  | { kind: 'kept'; why: string }
  | { kind: 'unclear' };

const UNCLEAR: RowFlow = { kind: 'unclear' };
const RESPONSE: RowFlow = { kind: 'response' };
/** A use that neither bounds nor needs every row: an emptiness test, `if (!rows)`. */
const NEUTRAL = null;
type Use = RowFlow | typeof NEUTRAL;

const kept = (why: string): RowFlow => ({ kind: 'kept', why });

function combine(uses: readonly Use[]): RowFlow {
  const flows = uses.filter((use): use is RowFlow => use !== NEUTRAL);
  if (flows.length === 0) return UNCLEAR;
  const keptFlow = flows.find((flow) => flow.kind === 'kept');
  if (keptFlow) return keptFlow;
  const counts = flows.filter((flow): flow is Extract<RowFlow, { kind: 'count' }> => flow.kind === 'count');
  if (counts.length > 0 && counts.length < flows.length) return kept('the rows are counted as well as used');
  if (counts.length > 0) return { kind: 'count', lengths: counts.flatMap((c) => c.lengths), dataKeys: counts.flatMap((c) => c.dataKeys) };
  return flows.some((flow) => flow.kind === 'unclear') ? UNCLEAR : RESPONSE;
}

const WRAPPERS = new Set([
  'AwaitExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
]);
const PASS_THROUGH_METHODS = new Set(['map', 'flatMap', 'flat']);
/** Methods whose result depends on every row: a page of rows would give another answer (sorting or filtering a page is not a page of the sorted or filtered list). */
const WHOLE_LIST_METHODS = new Set([
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
const JOIN_LOOKUPS = new Set(['find', 'findIndex', 'filter', 'some', 'every', 'includes', 'get', 'has']);

/** Whether a per-row callback looks rows up in another list (`authors.find(a => a.id === post.authorId)`). */
function joinsAnotherList(callback: Node): boolean {
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
const WRITE_METHODS = new Set([
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
const RESPONSE_CALLS = new Set(['json', 'send']);
const INDEX_BUILDERS = new Set(['Map', 'Set', 'WeakMap', 'fromEntries', 'groupBy']);
const TRANSACTION_CALLS = new Set(['$transaction', 'transaction', 'begin']);
const TRANSACTION_NAMES = /^(tx|trx|txn|transaction|t)$/i;
const ROUTE_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function isFunction(node: Node): boolean {
  return /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod)$/.test(node.type);
}

function hasUseServer(node: Node): boolean {
  const directives =
    node.type === 'Program'
      ? node.directives
      : 'body' in node && node.body && (node.body as Node).type === 'BlockStatement'
        ? (node.body as { directives: Array<{ value: { value: string } }> }).directives
        : [];
  return (directives ?? []).some((directive) => directive.value.value === 'use server');
}

/** Whether `node` is read as a truth value (`if (!rows.length)`, `rows.length > 0`): emptiness survives a page size. */
function isEmptinessTest(length: Node, ancestors: readonly Node[]): boolean {
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

function rendersJsx(fn: Node): boolean {
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
function functionName(fn: Node, ancestors: readonly Node[]): { name: string; exported: boolean } | null {
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

interface Reference {
  node: Identifier;
  ancestors: Node[];
}

/** Every read of `name` inside `scope` (not its declaration, not property names), with full ancestor chains. */
function referencesOf(name: string, scope: Node, outer: readonly Node[], declaration: Node | null): Reference[] {
  const found: Reference[] = [];
  const visit = (node: Node, ancestors: readonly Node[]) => {
    const identifier = node as Identifier;
    if (identifier.name !== name || node === declaration) return;
    const parent = ancestors.at(-1);
    if (
      parent &&
      (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
      parent.property === node &&
      !parent.computed
    )
      return;
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

class FlowTracer {
  private depth = 0;

  constructor(private readonly program: Program) {}

  /** Where the value at `node` goes, judged by what its parents do with it. */
  flowOf(node: Node, ancestors: readonly Node[]): Use {
    if (++this.depth > 40) return UNCLEAR;
    try {
      return this.step(node, ancestors);
    } finally {
      this.depth--;
    }
  }

  private step(node: Node, ancestors: readonly Node[]): Use {
    const parent = ancestors.at(-1);
    const up = ancestors.slice(0, -1);
    if (!parent) return UNCLEAR;
    if (WRAPPERS.has(parent.type)) return this.flowOf(parent, up);
    switch (parent.type) {
      case 'LogicalExpression':
        if (parent.operator === '&&' && parent.left === node) return NEUTRAL;
        return this.flowOf(parent, up);
      case 'ConditionalExpression':
        return parent.test === node ? NEUTRAL : this.flowOf(parent, up);
      case 'IfStatement':
      case 'WhileStatement':
        return NEUTRAL;
      case 'UnaryExpression':
        return parent.operator === '!' ? NEUTRAL : UNCLEAR;
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return parent.object === node ? this.member(parent as MemberExpression, up) : UNCLEAR;
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        return parent.callee === node ? UNCLEAR : this.argument(parent as CallExpression, up);
      case 'SpreadElement': {
        const holder = up.at(-1);
        if (holder?.type === 'CallExpression' || holder?.type === 'NewExpression')
          return this.argument(holder as CallExpression, up.slice(0, -1));
        return holder?.type === 'ArrayExpression' ? this.flowOf(holder, up.slice(0, -1)) : UNCLEAR;
      }
      case 'ArrayExpression':
        return this.arrayElement(parent, parent.elements.indexOf(node as never), up);
      case 'ObjectProperty':
        return parent.value === node && up.at(-1)?.type === 'ObjectExpression' ? this.flowOf(up.at(-1)!, up.slice(0, -1)) : UNCLEAR;
      case 'VariableDeclarator':
        return parent.init === node ? this.binding(parent.id, parent, up) : UNCLEAR;
      case 'AssignmentExpression':
        return parent.right === node && parent.left.type === 'Identifier' ? this.binding(parent.left, parent.left, up) : UNCLEAR;
      case 'ReturnStatement':
        return this.returned(ancestors);
      case 'ArrowFunctionExpression':
        return parent.body === node ? this.returnedFrom(parent, up) : UNCLEAR;
      case 'JSXExpressionContainer':
      case 'JSXSpreadAttribute':
      case 'JSXSpreadChild':
        return RESPONSE;
      case 'ForOfStatement':
      case 'ForInStatement':
        return kept('the rows are looped over');
      default:
        return UNCLEAR;
    }
  }

  private member(member: MemberExpression, up: readonly Node[]): Use {
    if (member.computed) {
      return member.property.type === 'NumericLiteral' ? kept('one row is picked out of the list') : UNCLEAR;
    }
    const name = memberName(member);
    if (name === 'data' || name === 'rows') return this.flowOf(member, up);
    if (name === 'length') return isEmptinessTest(member, up) ? NEUTRAL : { kind: 'count', lengths: [member], dataKeys: [] };
    if (name === 'rowCount' || name === 'count') return kept('the rows are counted');
    const call = up.at(-1);
    const isCalled = (call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') && call.callee === member;
    if (!isCalled || !name) return UNCLEAR;
    if (name === 'then') return this.callbackParameter(call as CallExpression, up);
    if (WHOLE_LIST_METHODS.has(name)) return kept(`the rows feed \`.${name}()\``);
    if (PASS_THROUGH_METHODS.has(name)) {
      const callback = (call as CallExpression).arguments[0];
      if (callback && isFunction(callback) && (callback as { async?: boolean }).async) return kept('each row is processed');
      if (callback && isFunction(callback) && joinsAnotherList(callback)) return kept('the rows are joined with another list');
      return this.flowOf(call!, up.slice(0, -1));
    }
    return UNCLEAR;
  }

  private argument(call: CallExpression, up: readonly Node[]): Use {
    const callee = call.callee;
    const name = callee.type === 'Identifier' ? callee.name : memberName(callee);
    if (!name) return UNCLEAR;
    if (call.type === ('NewExpression' as string)) {
      if (name === 'Response' || name === 'NextResponse') return RESPONSE;
      return INDEX_BUILDERS.has(name) ? kept('the rows are indexed for a join') : UNCLEAR;
    }
    // Logging reads the rows without depending on how many there are.
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console') return NEUTRAL;
    if (RESPONSE_CALLS.has(name) && callee.type !== 'Identifier') return RESPONSE;
    if (name === 'stringify' || name === 'from' || name === 'structuredClone') return this.flowOf(call, up);
    if (INDEX_BUILDERS.has(name)) return kept('the rows are indexed for a join');
    if (WRITE_METHODS.has(name)) return kept('the rows feed a write');
    if (callee.type === 'Identifier' && /^set[A-Z]/.test(name)) return this.stateOf(name, up);
    return UNCLEAR;
  }

  /** `Promise.all([a, b])` destructured into `[x, y]`: element `index` goes to the name at that position. */
  private arrayElement(array: Node, index: number, up: readonly Node[]): Use {
    const call = up.at(-1);
    if (
      call?.type === 'CallExpression' &&
      call.arguments[0] === array &&
      call.callee.type === 'MemberExpression' &&
      memberName(call.callee) === 'all'
    ) {
      let holder: Node = call;
      let rest = up.slice(0, -1);
      while (rest.length > 0 && WRAPPERS.has(rest.at(-1)!.type)) {
        holder = rest.at(-1)!;
        rest = rest.slice(0, -1);
      }
      const declarator = rest.at(-1);
      if (declarator?.type === 'VariableDeclarator' && declarator.init === holder && declarator.id.type === 'ArrayPattern') {
        const element = declarator.id.elements[index];
        return element ? this.binding(element, declarator, rest.slice(0, -1)) : NEUTRAL;
      }
      return UNCLEAR;
    }
    return this.flowOf(array, up);
  }

  /** Where the rows go once bound to a pattern: `const rows`, `const { data: rows }`, `const { rows }`. */
  private binding(pattern: Node, declaration: Node, ancestors: readonly Node[]): Use {
    if (pattern.type === 'Identifier') {
      const fnIndex = ancestors.findLastIndex((node) => isFunction(node));
      const scope = fnIndex >= 0 ? ancestors[fnIndex]! : ancestors[0]!;
      const outer = ancestors.slice(0, fnIndex >= 0 ? fnIndex : 0);
      const references = referencesOf(pattern.name, scope, outer, pattern);
      return combine(references.map((reference) => this.flowOf(reference.node, reference.ancestors)));
    }
    if (pattern.type === 'ObjectPattern') {
      const uses: Use[] = [];
      let rows = false;
      for (const property of pattern.properties) {
        if (property.type !== 'ObjectProperty') return UNCLEAR;
        const key = propertyName(property);
        if (key === 'data' || key === 'rows') {
          rows = true;
          const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
          const use = this.binding(value, declaration, ancestors);
          uses.push(use && use.kind === 'count' && key === 'data' ? { ...use, dataKeys: [...use.dataKeys, property] } : use);
        } else if (key === 'rowCount') uses.push(kept('the rows are counted'));
        else if (key !== 'error' && key !== 'status' && key !== 'statusText' && key !== 'count') return UNCLEAR;
      }
      return rows ? combine(uses) : UNCLEAR;
    }
    if (pattern.type === 'ArrayPattern') return kept('the first rows are picked out of the list');
    void declaration;
    return UNCLEAR;
  }

  /** `q.then(({ data }) => …)`: the callback's parameter. */
  private callbackParameter(call: CallExpression, up: readonly Node[]): Use {
    const callback = call.arguments[0];
    if (!callback || !isFunction(callback)) return UNCLEAR;
    const [parameter] = (callback as { params: Node[] }).params;
    if (!parameter) return NEUTRAL;
    return this.binding(parameter, callback, [...up.slice(0, -1), call, callback]);
  }

  /** `setTasks(rows)`: where the state `tasks` goes in the component. */
  private stateOf(setter: string, ancestors: readonly Node[]): Use {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const fn = ancestors[i]!;
      if (!isFunction(fn)) continue;
      let result: Use | undefined;
      walk(
        fn,
        new Map([
          [
            'VariableDeclarator',
            [
              (node: Node, inner: readonly Node[]) => {
                const declarator = node as Extract<Node, { type: 'VariableDeclarator' }>;
                if (result !== undefined || declarator.id.type !== 'ArrayPattern') return;
                const [state, set] = declarator.id.elements;
                if (set?.type !== 'Identifier' || set.name !== setter || state?.type !== 'Identifier') return;
                result = this.binding(state, declarator, [...ancestors.slice(0, i), ...inner, declarator]);
              },
            ],
          ],
        ]),
      );
      if (result !== undefined) return result;
    }
    return UNCLEAR;
  }

  private returned(ancestors: readonly Node[]): Use {
    const index = ancestors.findLastIndex((node) => isFunction(node));
    return index < 0 ? UNCLEAR : this.returnedFrom(ancestors[index]!, ancestors.slice(0, index));
  }

  /** What a function's caller does with what it returns. */
  private returnedFrom(fn: Node, ancestors: readonly Node[]): Use {
    const parent = ancestors.at(-1);
    const named = functionName(fn, ancestors);
    if (named && /^get(ServerSideProps|StaticProps)$/.test(named.name)) return RESPONSE;
    if (hasUseServer(fn) || hasUseServer(this.program)) return named?.exported || hasUseServer(fn) ? RESPONSE : UNCLEAR;
    if (named && ROUTE_METHODS.has(named.name)) return UNCLEAR;
    // What a component returns is rendered.
    if ((named && /^[A-Z]/.test(named.name)) || rendersJsx(fn)) return RESPONSE;
    if (parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee !== fn) {
      // A callback: `.then(rows => rows)` hands them on; `.map(row => row.x)` is per row.
      const method = memberName(parent.callee);
      if (
        method === 'then' ||
        method === 'useCallback' ||
        method === 'cache' ||
        (parent.callee.type === 'Identifier' && (parent.callee.name === 'cache' || parent.callee.name === 'unstable_cache'))
      ) {
        return this.flowOf(parent, ancestors.slice(0, -1));
      }
      return UNCLEAR;
    }
    if (!named || named.exported) return UNCLEAR;
    // A helper of this module: follow each call of it.
    const calls: Use[] = [];
    walk(
      this.program,
      new Map([
        [
          'CallExpression',
          [
            (node: Node, inner: readonly Node[]) => {
              const call = node as CallExpression;
              if (call.callee.type === 'Identifier' && call.callee.name === named.name) calls.push(this.flowOf(call, inner));
            },
          ],
        ],
      ]),
    );
    return calls.length > 0 ? combine(calls) : UNCLEAR;
  }
}

/** The root object a call chain starts from: `tx` in `tx.cartItem.findMany()`. */
function chainRoot(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.type === 'CallExpression' || current.type === 'OptionalCallExpression') current = current.callee;
    else if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
    else if (current.type === 'TaggedTemplateExpression') current = current.tag;
    else return current;
  }
}

const BEGIN_SQL = /^\s*(begin|start\s+transaction)\b/i;

/** Whether the query runs inside a transaction, where every row it reads is part of one unit of work. */
function inTransaction(query: Node, ancestors: readonly Node[]): boolean {
  const root = chainRoot(query);
  if (root.type === 'Identifier' && TRANSACTION_NAMES.test(root.name)) return true;
  if (
    ancestors.some(
      (node) =>
        (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') && TRANSACTION_CALLS.has(memberName(node.callee) ?? ''),
    )
  )
    return true;
  const scope = enclosingFunction(ancestors);
  if (!scope) return false;
  let begins = false;
  const visitText = (node: Node) => {
    const text = node.type === 'StringLiteral' ? node.value : node.type === 'TemplateLiteral' ? (node.quasis[0]?.value.cooked ?? '') : '';
    if (BEGIN_SQL.test(text)) begins = true;
  };
  walk(
    scope,
    new Map([
      ['StringLiteral', [visitText]],
      ['TemplateLiteral', [visitText]],
    ]),
  );
  return begins;
}

/** Where the rows of the list query `query` (the whole expression, filter chain included) go; `ancestors` are the query's own. */
export function rowFlow(query: Node, ancestors: readonly Node[]): RowFlow {
  if (inTransaction(query, ancestors)) return kept('the query runs inside a transaction');
  const program =
    ancestors[0]?.type === 'File'
      ? (ancestors[0] as { program: Program }).program
      : (ancestors.find((node) => node.type === 'Program') as Program | undefined);
  if (!program) return UNCLEAR;
  return new FlowTracer(program).flowOf(query, ancestors) ?? UNCLEAR;
}

/** The ancestors of a node in `ancestors` (the chain end of a supabase-js select, say). */
export function ancestorsAbove(node: Node, ancestors: readonly Node[]): readonly Node[] {
  const index = ancestors.indexOf(node);
  return index >= 0 ? ancestors.slice(0, index) : ancestors;
}

const ORDERED_SQL = /\border\s+by\b/i;
/** Clauses after which ` ORDER BY … LIMIT n` cannot simply be appended, or that make one table's key meaningless. */
const UNPAGEABLE_SQL =
  /\b(join|group\s+by|having|distinct|union|intersect|except|offset|returning|window)\b|\bfor\s+(update|share|no\s+key|key)\b|\bfrom\s+[^;]*?,/i;
const SINGLE_TABLE = /\bfrom\s+("?[\w$]+"?\.)?"?[\w$]+"?(\s+(as\s+)?[a-z_]\w*)?\s*(\bwhere\b[\s\S]*)?\s*;?\s*$/i;

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
const COUNT_DROPPABLE = new Set(['where', 'select', 'include', 'omit', 'orderBy', 'relationLoadStrategy']);

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

/**
 * What a list query's filters say about how many rows it can return, for the check to weigh with
 * the schema: the columns it compares for equality (a unique key among them means one row), and
 * whether it is scoped to the signed-in user's own rows or to a window closed on both ends.
 */
export interface QueryFilters {
  /** The supabase-js or SQL table, or the Prisma model accessor (`prisma.stockCategory` → `stockCategory`). */
  target: string | null;
  /** Columns (supabase-js, SQL) or fields (Prisma) compared with `=` and ANDed together. */
  equalities: string[];
  /** A column compared with the signed-in user's id: that user's own rows. */
  ownedBySignedInUser: boolean;
  /** A column bounded below and above (`gte` and `lt`, `>=` and `<`, `BETWEEN`): a date window, say. */
  windowed: boolean;
  /** The query orders its rows already, so a page needs no key. */
  ordered: boolean;
  /**
   * The ways a row can pass the filter, each with the equalities that must all hold for it: an OR
   * gives one alternative per branch. Scoped to one user when every alternative compares an owner column.
   */
  alternatives: Equality[][];
}

/** A column compared for equality with a value: the value's own name (`req.query.nikname` → `nikname`), null for an expression without one, `constant` for a literal. */
export interface Equality {
  column: string;
  value: string | null;
  constant: boolean;
}

/** Past this many alternatives an AND of ORs is not worth expanding: the query counts as unscoped. */
const MAX_ALTERNATIVES = 32;

function allOf(parts: Equality[][][]): Equality[][] {
  let result: Equality[][] = [[]];
  for (const part of parts) {
    result = result.flatMap((left) => part.map((right) => [...left, ...right]));
    if (result.length > MAX_ALTERNATIVES) return [[]];
  }
  return result;
}

function valueEquality(column: string, value: Node): Equality {
  const node = unwrap(value) ?? value;
  if (/Literal$/.test(node.type) && node.type !== 'TemplateLiteral') return { column, value: null, constant: true };
  const name =
    node.type === 'Identifier'
      ? node.name
      : node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression'
        ? memberName(node)
        : null;
  return { column, value: name ?? null, constant: false };
}

/** Calls whose result is the signed-in user or their session: `getAuthUser()`, `auth()`, `supabase.auth.getUser()`, `getServerSession()`. */
const SIGNED_IN_CALL =
  /^(auth|getAuth|currentUser|getCurrentUser|getUser|getAuthUser|getAuthedUser|getSessionUser|getServerSession|getSession|requireUser|requireAuth|validateRequest|getLoggedInUser|getSignedInUser)$/;

function calleeName(node: Node): string | null {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return null;
  return node.callee.type === 'Identifier' ? node.callee.name : memberName(node.callee);
}

function unwrap(node: Node | null | undefined): Node | null {
  let current = node ?? null;
  while (current && WRAPPERS.has(current.type))
    current = (current as { expression?: Node; argument?: Node }).expression ?? (current as { argument: Node }).argument;
  return current;
}

/** Whether a pattern binds `name`: `user`, `{ user }`, `{ data: { user } }`, `{ userId }`. */
function patternBinds(pattern: Node, name: string): boolean {
  if (pattern.type === 'Identifier') return pattern.name === name;
  if (pattern.type === 'ObjectPattern')
    return pattern.properties.some((p) => (p.type === 'ObjectProperty' ? patternBinds(p.value as Node, name) : false));
  if (pattern.type === 'AssignmentPattern') return patternBinds(pattern.left, name);
  return false;
}

/** Whether `value` is the signed-in user's id: `user.id`, `session.user.id`, `userId` from `auth()`, bound in the query's own function. */
function isSignedInUserId(value: Node, ancestors: readonly Node[]): boolean {
  let root: Node = value;
  let path = '';
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression') {
    const name = memberName(root);
    if (!name) return false;
    path = `.${name}${path}`;
    root = root.object;
  }
  if (root.type !== 'Identifier') return false;
  if (!/^(\.id|\.userId|\.sub|\.user\.id)$/.test(path) && !(path === '' && /^(userId|user_id|uid)$/.test(root.name))) return false;
  const scope = enclosingFunction(ancestors);
  if (!scope) return false;
  let signedIn = false;
  walk(
    scope,
    new Map([
      [
        'VariableDeclarator',
        [
          (node: Node) => {
            if (node.type !== 'VariableDeclarator' || !patternBinds(node.id, (root as Identifier).name)) return;
            const init = unwrap(node.init);
            const name = init && calleeName(init);
            if (name && SIGNED_IN_CALL.test(name)) signedIn = true;
          },
        ],
      ],
    ]),
  );
  return signedIn;
}

/** A column that names a calendar period (`order_month`, `year`, `day`): equal to one value, it is a window closed on both ends. */
const PERIOD_COLUMN = /(^|_)(year|month|week|day)$|^(year|month|week|day)[A-Z_]|[a-z](Year|Month|Week|Day)$/;

const EMPTY_FILTERS: QueryFilters = {
  target: null,
  equalities: [],
  ownedBySignedInUser: false,
  windowed: false,
  ordered: false,
  alternatives: [],
};

/** The filters of a Prisma `findMany`: `where: { userId: user.id, date: { gte, lt } }`. */
function prismaFilters(call: CallExpression, ancestors: readonly Node[]): QueryFilters {
  const model = (call.callee as MemberExpression).object;
  const target = model.type === 'MemberExpression' ? memberName(model) : null;
  const [args] = call.arguments;
  const filters: QueryFilters = { ...EMPTY_FILTERS, target, equalities: [] };
  if (args?.type !== 'ObjectExpression') return filters;
  filters.ordered = objectKeys(args).includes('orderBy');
  const where = args.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === 'where');
  if (where?.value.type !== 'ObjectExpression') return filters;
  filters.alternatives = prismaAlternatives(where.value);
  for (const property of where.value.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const field = propertyName(property);
    if (!field || /^(AND|OR|NOT)$/.test(field)) continue;
    const value = property.value;
    if (value.type === 'ObjectExpression') {
      const operators = objectKeys(value);
      if (operators.some((o) => o === 'gte' || o === 'gt') && operators.some((o) => o === 'lte' || o === 'lt')) filters.windowed = true;
      if (operators.includes('equals')) filters.equalities.push(field);
      continue;
    }
    filters.equalities.push(field);
    if (isSignedInUserId(value, ancestors)) filters.ownedBySignedInUser = true;
  }
  return filters;
}

/** The alternatives of a Prisma `where`: its fields ANDed, `OR: [...]` one alternative per branch, `AND: [...]` all of them. */
function prismaAlternatives(where: ObjectExpression): Equality[][] {
  const parts: Equality[][][] = [];
  for (const property of where.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const field = propertyName(property);
    const value = property.value;
    if (!field || field === 'NOT') continue;
    if (field === 'OR' || field === 'AND') {
      const branches =
        value.type === 'ArrayExpression'
          ? value.elements.filter((e): e is ObjectExpression => e?.type === 'ObjectExpression').map(prismaAlternatives)
          : [];
      if (field === 'AND') parts.push(allOf(branches));
      else if (value.type === 'ArrayExpression' && branches.length === value.elements.length) parts.push(branches.flat());
      continue;
    }
    if (value.type === 'ObjectExpression') {
      const equals = value.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === 'equals');
      if (equals) parts.push([[valueEquality(field, equals.value)]]);
      continue;
    }
    parts.push([[valueEquality(field, value)]]);
  }
  return allOf(parts);
}

/** The filters of a supabase-js chain from `.from(t).select()` (`call`) to its last filter (`end`). */
function supabaseFilters(call: CallExpression, end: CallExpression, ancestors: readonly Node[]): QueryFilters {
  const from = (call.callee as MemberExpression).object as CallExpression;
  const [table] = from.arguments;
  const filters: QueryFilters = { ...EMPTY_FILTERS, target: table?.type === 'StringLiteral' ? table.value : null, equalities: [] };
  const lower = new Set<string>();
  const upper = new Set<string>();
  const equalities: Equality[] = [];
  for (let link: Node = end; link !== call && link.type === 'CallExpression'; link = (link.callee as MemberExpression).object) {
    const method = memberName(link.callee);
    const [column, value] = link.arguments;
    if (method === 'order') filters.ordered = true;
    if (column?.type !== 'StringLiteral') continue;
    if (method === 'eq') {
      filters.equalities.push(column.value);
      if (value) equalities.push(valueEquality(column.value, value));
      if (value && isSignedInUserId(value, ancestors)) filters.ownedBySignedInUser = true;
    }
    if (method === 'gte' || method === 'gt') lower.add(column.value);
    if (method === 'lte' || method === 'lt') upper.add(column.value);
  }
  filters.windowed = [...lower].some((column) => upper.has(column));
  filters.alternatives = [equalities];
  return filters;
}

const IDENTIFIER = String.raw`"?([A-Za-z_][\w$]*)"?`;
/** A placeholder or spliced value: `$1`, `?`, `:name`, or the ` $ ` a template's `${…}` reads as here. */
const PARAMETER = String.raw`(?:\$\d*|\?|:\w+)`;

const WHERE_CLAUSE = /\bwhere\b([\s\S]*?)(?:\border\s+by\b|\bgroup\s+by\b|\blimit\b|$)/i;

/** The values a query's placeholders stand for: `numbered` for `$1, $2` (`query(text, [a, b])`), `spliced` for a template's `${…}` in order. */
function sqlValues(query: Node): { numbered: Node[]; spliced: Node[] } {
  if (query.type === 'TaggedTemplateExpression')
    return { numbered: [], spliced: (query as TaggedTemplateExpression).quasi.expressions as Node[] };
  if (query.type !== 'CallExpression') return { numbered: [], spliced: [] };
  const [first, second] = query.arguments;
  return {
    numbered: second?.type === 'ArrayExpression' ? (second.elements.filter((e) => e !== null) as Node[]) : [],
    spliced: first?.type === 'TemplateLiteral' ? (first.expressions as Node[]) : [],
  };
}

/** `text` split at `word` (`and`, `or`) where it stands outside parentheses and quotes. */
function splitTopLevel(text: string, word: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (const token of text.matchAll(new RegExp(String.raw`\(|\)|'(?:[^']|'')*'|\b${word}\b`, 'gi'))) {
    if (token[0] === '(') depth++;
    else if (token[0] === ')') depth--;
    else if (depth === 0 && !token[0].startsWith("'")) {
      parts.push(text.slice(start, token.index));
      start = token.index! + token[0].length;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Where the parenthesis that opens `text` closes. */
function closingParenthesis(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function withoutOuterParentheses(text: string): string {
  let current = text.trim();
  while (current.startsWith('(') && closingParenthesis(current) === current.length - 1) current = current.slice(1, -1).trim();
  return current;
}

/** The alternatives of a WHERE clause whose placeholders read `:n<index>` (numbered) or `:s<index>` (spliced): OR splits them, AND combines them. */
function sqlAlternatives(condition: string, values: { numbered: Node[]; spliced: Node[] }): Equality[][] {
  const text = withoutOuterParentheses(condition);
  const branches = splitTopLevel(text, 'or');
  if (branches.length > 1) return branches.flatMap((branch) => sqlAlternatives(branch, values));
  const conjuncts = splitTopLevel(text, 'and');
  if (conjuncts.length > 1) return allOf(conjuncts.map((conjunct) => sqlAlternatives(conjunct, values)));
  const equality = new RegExp(String.raw`^(?:"?[\w$]+"?\.)?${IDENTIFIER}\s*=\s*:([ns])(\d+)$`).exec(text);
  if (!equality) return [[]];
  const value = (equality[2] === 'n' ? values.numbered : values.spliced)[Number(equality[3])];
  return [[value ? valueEquality(equality[1]!, value) : { column: equality[1]!, value: null, constant: false }]];
}

/** The WHERE clause of a query with each placeholder numbered by the value it stands for. */
function numberedWhere(text: string): string {
  let spliced = 0;
  let positional = 0;
  const numbered = text.replace(/\$(\d+)|\$|\?/g, (placeholder: string, digits: string | undefined) =>
    digits ? `:n${Number(digits) - 1}` : placeholder === '?' ? `:n${positional++}` : `:s${spliced++}`,
  );
  return WHERE_CLAUSE.exec(numbered)?.[1] ?? '';
}

/** The filters of a SELECT's text: one table, its `col = $1` comparisons when only ANDed, and windows. */
function sqlFilters(text: string, query: Node): QueryFilters {
  const table = new RegExp(String.raw`\bfrom\s+(?:"?[\w$]+"?\.)?${IDENTIFIER}`, 'i').exec(text);
  const filters: QueryFilters = { ...EMPTY_FILTERS, target: table ? table[1]! : null, equalities: [], ordered: ORDERED_SQL.test(text) };
  const where = WHERE_CLAUSE.exec(text)?.[1] ?? '';
  filters.alternatives = where.trim() ? sqlAlternatives(numberedWhere(text), sqlValues(query)) : [];
  if (/\bor\b/i.test(where) || UNPAGEABLE_SQL.test(text)) return filters;
  const qualified = String.raw`(?:"?[\w$]+"?\.)?${IDENTIFIER}`;
  for (const match of where.matchAll(new RegExp(String.raw`${qualified}\s*=\s*${PARAMETER}`, 'g'))) filters.equalities.push(match[1]!);
  const lower = new Set([...where.matchAll(new RegExp(String.raw`${qualified}\s*>=?\s*${PARAMETER}`, 'g'))].map((m) => m[1]!));
  const upper = [...where.matchAll(new RegExp(String.raw`${qualified}\s*<=?\s*${PARAMETER}`, 'g'))].map((m) => m[1]!);
  filters.windowed =
    upper.some((column) => lower.has(column)) || new RegExp(String.raw`\bbetween\s+${PARAMETER}\s+and\s+${PARAMETER}`, 'i').test(where);
  return filters;
}

/** What the filters of a list query say; `end` is a supabase-js chain's last call. */
export function queryFilters(query: Node, shape: QueryShape, ancestors: readonly Node[], end?: CallExpression): QueryFilters {
  const text = shape === 'sql' ? unboundedSqlText(query) : null;
  const filters =
    shape === 'prisma'
      ? prismaFilters(query as CallExpression, ancestors)
      : shape === 'supabase'
        ? supabaseFilters(query as CallExpression, end ?? (query as CallExpression), ancestors)
        : text === null
          ? EMPTY_FILTERS
          : sqlFilters(text, query);
  return filters.equalities.some((column) => PERIOD_COLUMN.test(column)) ? { ...filters, windowed: true } : filters;
}
