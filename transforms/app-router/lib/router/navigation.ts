import type { API, ASTPath, CallExpression, Identifier } from 'jscodeshift';
import { freshStatements, memberKey, reparseExpression, type AstNode as Node } from '../rules.ts';
import { addTodo } from '../../../../src/engine/codemod.ts';

export type Member = Node & { object: Node; property: Node; computed?: boolean };

/** The App Router is always ready: `if (!router.isReady) return …` goes, `router.isReady` is `true`. */
export function replaceIsReady(j: API['jscodeshift'], member: ASTPath<Member>): void {
  const parent = member.parent;
  if (parent?.node.type === 'UnaryExpression' && parent.node.operator === '!') {
    const statement = parent.parent;
    if (statement?.node.type === 'IfStatement' && statement.node.test === parent.node && !statement.node.alternate) {
      j(statement).remove();
      return;
    }
    j(parent).replaceWith(j.booleanLiteral(false));
    return;
  }
  j(member).replaceWith(j.booleanLiteral(true));
}

/** `router.push({ pathname, query })` and `router.push(url, as, options)` → `router.push(string)`. */
export function convertNavigation(j: API['jscodeshift'], member: ASTPath<Member>): void {
  const call = member.parent?.node as CallExpression | undefined;
  if (!call || call.type !== 'CallExpression' || call.callee !== member.node) return;
  const [url, as, options] = call.arguments as Node[];
  if (!url) return;
  const target = as && as.type !== 'Identifier' ? as : as && (as as Identifier).name !== 'undefined' ? as : url;
  let replacement: Node = target;
  if (target.type === 'ObjectExpression') {
    const properties = (target as unknown as { properties: Array<Node & { key?: Identifier; value: Node }> }).properties;
    const pathnameNode = properties.find((p) => p.key?.name === 'pathname')?.value;
    const queryNode = properties.find((p) => p.key?.name === 'query')?.value;
    const other = properties.filter((p) => p.key?.name !== 'pathname' && p.key?.name !== 'query');
    if (!pathnameNode || other.length > 0) {
      addTodo(j, member, "build the URL string by hand: the App Router's `push`/`replace` take a string");
      return;
    }
    let pathSource = j(pathnameNode as never).toSource();
    let querySource = queryNode ? j(queryNode as never).toSource() : null;
    // `/post/[pid]` with `query: { pid }` fills in the segment.
    if (pathnameNode.type === 'StringLiteral' && queryNode?.type === 'ObjectExpression') {
      let path = (pathnameNode as unknown as { value: string }).value;
      const rest: string[] = [];
      for (const property of (queryNode as unknown as { properties: Array<Node & { key?: Identifier; value: Node }> }).properties) {
        const name = property.key?.name;
        const value = property.value as Node;
        const text =
          value.type === 'StringLiteral' ? String(value.value).replace(/[`$\\]/g, '\\$&') : `\${${j(value as never).toSource()}}`;
        if (name && path.includes(`[${name}]`)) path = path.replace(`[${name}]`, text);
        else rest.push(j(property as never).toSource());
      }
      pathSource = `\`${path}\``;
      querySource = rest.length > 0 ? `{ ${rest.join(', ')} }` : null;
    }
    const text = querySource ? `\`\${${pathSource}}?\${new URLSearchParams(${querySource})}\`` : pathSource;
    replacement = reparseExpression(j, text.replace(/^`\$\{`([^`]*)`\}/, '`$1'));
  }
  const kept: Node[] = [replacement];
  if (options && options.type === 'ObjectExpression') {
    const properties = (options as unknown as { properties: Array<Node & { key?: Identifier }> }).properties;
    const scroll = properties.filter((p) => p.key?.name === 'scroll');
    if (properties.some((p) => p.key?.name !== 'scroll'))
      addTodo(
        j,
        member,
        '`shallow` and `locale` navigation options are gone: update the URL with `window.history.pushState` for a shallow change',
      );
    if (scroll.length > 0) kept.push(reparseExpression(j, `{ ${scroll.map((p) => j(p as never).toSource()).join(', ')} }`));
  }
  call.arguments = kept as never;
}

/**
 * `router.events.on('routeChangeComplete', handler)` inside an effect becomes a call of the handler
 * with the new URL, and the effect runs when the path or search params change.
 */
export function convertEvents(j: API['jscodeshift'], member: ASTPath<Member>, pathname: () => string, searchParams: () => string): void {
  const on = member.parent?.node as Member | undefined;
  const call = member.parent?.parent?.node as CallExpression | undefined;
  const method = on ? memberKey(on as never) : null;
  const [event, handler] = (call?.arguments ?? []) as Node[];
  const effect = j(member).closest(j.CallExpression, { callee: { name: 'useEffect' } });
  const eventName = event?.type === 'StringLiteral' ? (event as unknown as { value: string }).value : null;
  if (!call || call.type !== 'CallExpression' || eventName !== 'routeChangeComplete' || effect.length === 0 || !handler) {
    if (member.parent?.node.type !== 'ArrayExpression')
      addTodo(
        j,
        member,
        `router events${eventName ? ` (\`${eventName}\`)` : ''} are gone: run an effect on \`usePathname()\` and \`useSearchParams()\` instead`,
      );
    return;
  }
  const statement = j(call as never).paths().length ? j(member).closest(j.ExpressionStatement) : null;
  if (method === 'off') {
    // The cleanup that unsubscribed goes with the subscription.
    const ret = j(member).closest(j.ReturnStatement);
    if (ret.length > 0) ret.remove();
    else statement?.remove();
    return;
  }
  if (method !== 'on') return;
  const effectCall = effect.paths()[0]!.node;
  const deps = (effectCall.arguments[1] ?? null) as (Node & { elements?: Node[] }) | null;
  const effectBody = (effectCall.arguments[0] as Node | undefined)?.body as Node | undefined;
  // Without dependencies the effect ran on every render, where it only subscribed; calling the handler there instead would loop.
  const onlySubscribes =
    effectBody?.type === 'BlockStatement' &&
    (effectBody.body as Node[]).every(
      (s: Node) => s === statement?.paths()[0]?.node || s.type === 'VariableDeclaration' || s.type === 'FunctionDeclaration',
    );
  if (!deps && !onlySubscribes) {
    addTodo(j, member, 'router events are gone: run this effect on `usePathname()` and `useSearchParams()` changes instead');
    return;
  }
  const p = pathname();
  const s = searchParams();
  const url = takesNoArguments(j, member, handler) ? '' : `${s}?.size ? \`\${${p}}?\${${s}}\` : ${p}`;
  statement?.replaceWith(freshStatements(j, `${j(handler as never).toSource()}(${url});`)[0] as never);
  if (!deps) effectCall.arguments[1] = reparseExpression(j, `[${p}, ${s}]`) as never;
  else if (deps.type === 'ArrayExpression') {
    const kept = (deps.elements ?? []).filter(
      (element: Node) => !(element.type === 'MemberExpression' && memberKey(element as never) === 'events'),
    );
    effect.paths()[0]!.node.arguments[1] = reparseExpression(
      j,
      `[${[...kept.map((e: Node) => j(e as never).toSource()), p, s].join(', ')}]`,
    ) as never;
  }
}

/** A handler written with no parameters, inline or as a function the module declares: it is called with no URL. */
export function takesNoArguments(j: API['jscodeshift'], from: ASTPath, handler: Node): boolean {
  const isFunction = (node: Node | null | undefined) =>
    node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression' || node?.type === 'FunctionDeclaration';
  if (isFunction(handler)) return handler.params.length === 0;
  if (handler.type !== 'Identifier') return false;
  const scope = j(from).closest(j.Function).paths()[0] ?? null;
  for (let current = scope as ASTPath | null; current; current = current.parent as ASTPath | null) {
    const body = current.node.type === 'Program' ? current.node : (current.node as Node).body;
    const declared = j(body as never)
      .find(j.VariableDeclarator, { id: { type: 'Identifier', name: handler.name } })
      .nodes()
      .map((d: Node) => d.init)
      .concat(
        j(body as never)
          .find(j.FunctionDeclaration, { id: { name: handler.name } })
          .nodes(),
      )
      .find(isFunction);
    if (declared) return declared.params.length === 0;
  }
  return false;
}

/**
 * `push` and `replace` return nothing in the App Router: `router.push(url).then(done)` becomes
 * `router.push(url); done…` where it is a statement of its own, and gets a TODO elsewhere.
 */
export function unchainThen(j: API['jscodeshift'], member: ASTPath<Member>): void {
  const call = member.parent as ASTPath<CallExpression>;
  const then = call.parent as ASTPath<Member> | undefined;
  if (!then || then.node.type !== 'MemberExpression' || then.node.object !== call.node || memberKey(then.node as never) !== 'then') return;
  const thenCall = then.parent as ASTPath<CallExpression>;
  const statement = thenCall.parent as ASTPath;
  const [callback] = thenCall.node.arguments as Node[];
  const fresh = (node: Node) => reparseExpression(j, j(node as never).toSource());
  const callbackBody = (): Node[] | null => {
    if (!callback) return [];
    if ((callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression') && callback.params.length === 0) {
      if (callback.body.type === 'BlockStatement') return callback.body.body;
      return [j.expressionStatement(fresh(callback.body) as never)];
    }
    if (callback.type === 'Identifier' || callback.type === 'MemberExpression')
      return [j.expressionStatement(j.callExpression(fresh(callback) as never, []))];
    return null;
  };
  if (returnAfterNavigation(j, call, thenCall, callback)) return;
  const body = statement.node.type === 'ExpressionStatement' && Array.isArray(statement.parentPath?.value) ? callbackBody() : null;
  if (!body) {
    addTodo(
      j,
      member,
      '`push`/`replace` return nothing in the App Router: run what followed the navigation after the call, or on a `usePathname()` change',
    );
    return;
  }
  j(statement).replaceWith(j.expressionStatement(call.node));
  j(statement).insertAfter(body as never);
}

/**
 * `return router.push(url).then(() => x)` and `(values) => router.push(url).then(() => x)`: the
 * navigation becomes a statement and `x` the result. The result stays a promise where a caller could
 * have chained on it: inside an `async` function or a promise callback it already is one.
 */
export function returnAfterNavigation(
  j: API['jscodeshift'],
  call: ASTPath<CallExpression>,
  thenCall: ASTPath<CallExpression>,
  callback: Node,
): boolean {
  const holder = thenCall.parent as ASTPath;
  const arrowBody = holder.node.type === 'ArrowFunctionExpression' && holder.node.body === thenCall.node;
  const returned = holder.node.type === 'ReturnStatement' && Array.isArray(holder.parentPath?.value);
  if (!arrowBody && !returned) return false;
  if (thenCall.node.arguments.length !== 1) return false;
  const fresh = (node: Node) => reparseExpression(j, j(node as never).toSource());
  let result: Node | null;
  if (callback.type === 'Identifier' || callback.type === 'MemberExpression') result = j.callExpression(fresh(callback) as never, []);
  else if ((callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression') && callback.params.length === 0) {
    // The node itself moves, so a navigation inside it is still found and converted after this one.
    if (callback.body.type !== 'BlockStatement') result = callback.body;
    else if (callback.body.body.length === 0) result = null;
    else return false;
  } else return false;
  const fn = (arrowBody ? holder : j(holder).closest(j.Function).paths()[0]) as ASTPath | undefined;
  if (!fn) return false;
  const outer = fn.parent?.node as Node | undefined;
  const promiseCallback =
    outer?.type === 'CallExpression' &&
    outer.arguments.includes(fn.node) &&
    ['then', 'catch', 'finally'].includes(memberKey(outer.callee) ?? '');
  const chained = result?.type === 'CallExpression' && ['then', 'catch', 'finally'].includes(memberKey(result.callee) ?? '');
  const value =
    (fn.node as Node).async || promiseCallback || chained
      ? result
      : j.callExpression(reparseExpression(j, 'Promise.resolve'), result ? [result] : []);
  const statementsToWrite = [j.expressionStatement(call.node), j.returnStatement(value as never)];
  if (arrowBody) (holder.node as Node).body = j.blockStatement(statementsToWrite);
  else {
    const siblings = holder.parentPath.value as Node[];
    const last = siblings.at(-1) === holder.node && (fn.node as Node).body?.body === siblings;
    j(holder).replaceWith(statementsToWrite[0]);
    if (value !== null || !last) j(holder).insertAfter(statementsToWrite[1]);
  }
  return true;
}
