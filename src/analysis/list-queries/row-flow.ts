import type { CallExpression, MemberExpression, Node, Program } from '@babel/types';
import { enclosingFunction, memberName, propertyName } from '../../engine/ast.ts';
import { walk } from '../../engine/walk.ts';
import {
  INDEX_BUILDERS,
  NEUTRAL,
  PASS_THROUGH_METHODS,
  RESPONSE,
  RESPONSE_CALLS,
  ROUTE_METHODS,
  type RowFlow,
  TRANSACTION_CALLS,
  TRANSACTION_NAMES,
  UNCLEAR,
  type Use,
  WHOLE_LIST_METHODS,
  WRAPPERS,
  WRITE_METHODS,
  combine,
  functionName,
  hasUseServer,
  isEmptinessTest,
  isFunction,
  joinsAnotherList,
  kept,
  PICK,
  referencesOf,
  rendersJsx,
} from './row-uses.ts';

export class FlowTracer {
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
      return member.property.type === 'NumericLiteral' ? PICK : UNCLEAR;
    }
    const name = memberName(member);
    if (name === 'data' || name === 'rows') return this.flowOf(member, up);
    if (name === 'length')
      return isEmptinessTest(member, up)
        ? { kind: 'emptiness', length: member }
        : { kind: 'count', lengths: [member], dataKeys: [], exact: true };
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
    if (pattern.type === 'ArrayPattern') return PICK;
    void declaration;
    return UNCLEAR;
  }

  /** `pool.query(text, values, (err, result) => …)`: a callback-style driver hands the rows to the callback's second parameter. */
  nodeCallback(call: Node, ancestors: readonly Node[]): Use | undefined {
    if (call.type !== 'CallExpression') return undefined;
    const callback = call.arguments.at(-1);
    if (!callback || !isFunction(callback)) return undefined;
    const result = (callback as { params: Node[] }).params[1];
    return result ? this.binding(result, callback, [...ancestors, call, callback]) : undefined;
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
export function chainRoot(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.type === 'CallExpression' || current.type === 'OptionalCallExpression') current = current.callee;
    else if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
    else if (current.type === 'TaggedTemplateExpression') current = current.tag;
    else return current;
  }
}

export const BEGIN_SQL = /^\s*(begin|start\s+transaction)\b/i;

/** Whether the query runs inside a transaction, where every row it reads is part of one unit of work. */
export function inTransaction(query: Node, ancestors: readonly Node[]): boolean {
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
  const tracer = new FlowTracer(program);
  const use = tracer.nodeCallback(query, ancestors) ?? tracer.flowOf(query, ancestors);
  return use === NEUTRAL || use.kind === 'emptiness' ? UNCLEAR : use;
}

/** The ancestors of a node in `ancestors` (the chain end of a supabase-js select, say). */
export function ancestorsAbove(node: Node, ancestors: readonly Node[]): readonly Node[] {
  const index = ancestors.indexOf(node);
  return index >= 0 ? ancestors.slice(0, index) : ancestors;
}
