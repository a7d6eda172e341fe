import type { API, ASTPath, CallExpression, FileInfo, Identifier, VariableDeclarator } from 'jscodeshift';
import {
  freeName,
  freshStatements,
  memberKey,
  references,
  reparseExpression,
  SEARCH_PARAMS_TYPE,
  statements,
  type RuleMeta,
  type RuleOptions,
  type AstNode as Node,
} from './lib/rules.ts';
import { addImport, addTodo, addTypeImport, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'next-router-to-navigation',
  title: '`next/router` → `next/navigation`',
  coverage: 'partial',
  description:
    "`useRouter` comes from `next/navigation`; `router.query` becomes the search params merged with `useParams()`, `pathname`/`route` `usePathname()`, `asPath` the path plus the search string (the path alone where it is compared, as in an active-link test, or cut at the query with `.split('?')[0]`), the same for `useRouter().query` and friends read in place, `isReady` `true`, `reload()` `window.location.reload()`; `push`/`replace` with a `{ pathname, query }` object or an `as` argument get a URL string; `push(…).then(done)` becomes `push(…); done…`, since `push` returns nothing, and `return push(…).then(() => x)` (or an arrow whose body it is) `push(…); return x` (a promise of `x` where a caller could chain on it). A helper parameter typed `NextRouter` becomes `AppRouterInstance`. A helper that also reads `query`, `pathname`, `asPath` or `route` from it takes those values too (`AppRouterInstance & { query: … }`), and each call in the module passes them from the hooks (`backTo({ ...router, query })`); when it is exported, or called in a way the rule cannot follow, its reads are typed optional and read with `?.`, so it still type-checks, and a TODO names the helper. A `routeChangeComplete` listener in an effect runs on `usePathname()` + `useSearchParams()` changes instead (called without the URL when the handler takes none; an effect without dependencies that only subscribed gets them). `locale`, `locales`, `defaultLocale`, `basePath`, `isFallback`, other router events, `shallow` and `withRouter` stay with a TODO.",
};

export const parser = 'tsx';

const GONE: Record<string, string> = {
  locale: 'there is no built-in i18n in the App Router: read the locale from a `[lang]` segment',
  locales: 'there is no built-in i18n in the App Router: list the locales yourself',
  defaultLocale: 'there is no built-in i18n in the App Router',
  domainLocales: 'there is no built-in i18n in the App Router',
  basePath: "the App Router's router has no `basePath`: read it from your config",
  isFallback: '`fallback` pages are gone: show a loading state in `loading.tsx`',
  isPreview: 'preview mode is Draft Mode: `draftMode()` from `next/headers` on the server',
  components: "the App Router's router has no `components`",
  beforePopState: 'the App Router has no `beforePopState`',
};

type Member = Node & { object: Node; property: Node; computed?: boolean };

export default function transform(file: FileInfo, api: API, _options: RuleOptions): string | undefined {
  if (!file.source.includes('next/router')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const imports = root.find(j.ImportDeclaration, { source: { value: 'next/router' } });
  if (imports.length === 0) return undefined;

  const hooks = new Set<string>();
  const need = (hook: 'usePathname' | 'useSearchParams' | 'useParams') => hooks.add(hook);
  let useRouterName: string | null = null;
  imports.forEach((p: ASTPath) => {
    for (const specifier of (p.node as { specifiers?: Array<Node & { imported?: Identifier; local?: Identifier }> }).specifiers ?? []) {
      if (specifier.type === 'ImportSpecifier' && specifier.imported?.name === 'useRouter')
        useRouterName = specifier.local?.name ?? 'useRouter';
      else if (specifier.type === 'ImportSpecifier' && specifier.imported?.name === 'withRouter')
        addTodo(
          j,
          p,
          '`withRouter` has no App Router equivalent: use the `useRouter`, `usePathname` and `useSearchParams` hooks in a client component',
        );
      else if (specifier.type === 'ImportDefaultSpecifier')
        addTodo(
          j,
          p,
          'the default `Router` singleton has no App Router equivalent: use `useRouter()` from `next/navigation` in a client component',
        );
    }
  });
  const helpers = retypeNextRouter(j, root, imports);
  if (!useRouterName) {
    finishHelpers(j, root, helpers);
    return printSource(root, file.source, file.path);
  }

  // Each `const router = useRouter()` (or a destructuring of it), in its own component.
  root.find(j.CallExpression, { callee: { type: 'Identifier', name: useRouterName } }).forEach((call: ASTPath<CallExpression>) => {
    const declarator = call.parent.node.type === 'VariableDeclarator' ? (call.parent as ASTPath<VariableDeclarator>) : null;
    const chained =
      call.parent.node.type === 'MemberExpression' && call.parent.node.object === call.node ? (call.parent as ASTPath<Member>) : null;
    const fn = j(call).closest(j.Function);
    if ((!declarator && !chained) || fn.length === 0) return;
    const scope = fn.paths()[0]!;
    const holder = (declarator ? j(declarator).closest(j.VariableDeclaration) : j(call).closest(j.Statement)).paths()[0]! as ASTPath;
    const locals: Record<string, string> = {};
    const declarations: string[] = [];
    const local = (base: string, init: string, name?: string) => {
      if (!locals[base]) {
        locals[base] = name ?? freeName(j, j(scope as never), base);
        declarations.push(`const ${locals[base]} = ${init};`);
      }
      return locals[base];
    };
    const flush = () => {
      if (declarations.length === 0) return;
      if (chained) j(holder).insertBefore(freshStatements(j, declarations.join('\n')) as never);
      else j(holder).insertAfter(freshStatements(j, declarations.join('\n')) as never);
    };
    const pathname = () => (need('usePathname'), local('pathname', "usePathname() ?? ''"));
    const searchParams = () => (need('useSearchParams'), local('searchParams', 'useSearchParams()'));
    const params = () => (need('useParams'), local('params', 'useParams() ?? {}'));
    const query = (name?: string) => {
      const p = params();
      const s = searchParams();
      return local('query', `{ ...Object.fromEntries(${s}?.entries() ?? []), ...${p} }`, name);
    };
    const asPath = (name?: string) => {
      const p = pathname();
      const s = searchParams();
      return local('asPath', `${s}?.size ? \`\${${p}}?\${${s}}\` : ${p}`, name);
    };

    if (chained) {
      // `useRouter().asPath`: the value the hook gave comes from the navigation hooks instead.
      const key = memberKey(chained.node as never);
      if (key === 'query') j(chained).replaceWith(j.identifier(query()));
      else if (key === 'pathname' || key === 'route') j(chained).replaceWith(j.identifier(pathname()));
      else if (key === 'asPath')
        j(withoutQuery(chained) ?? chained).replaceWith(
          j.identifier(comparesPath(chained) || withoutQuery(chained) ? pathname() : asPath()),
        );
      else if (key === 'isReady') j(chained).replaceWith(j.booleanLiteral(true));
      else if (key && GONE[key]) addTodo(j, chained, `\`useRouter().${key}\`: ${GONE[key]}`);
      flush();
      return;
    }
    if (!declarator) return;
    if (declarator.node.id.type === 'ObjectPattern') {
      // `const { query, push } = useRouter()`
      const kept: Node[] = [];
      for (const property of (declarator.node.id as unknown as { properties: Array<Node & { key?: Identifier; value?: Identifier }> })
        .properties) {
        const key = property.key?.name;
        const value = property.value?.type === 'Identifier' ? property.value.name : null;
        if (value && (key === 'query' || key === 'asPath' || key === 'pathname' || key === 'route' || key === 'isReady')) {
          // The binding keeps its name: only where its value comes from changes.
          if (key === 'query') query(value);
          else if (key === 'asPath') asPath(value);
          else if (key === 'isReady') local('isReady', 'true', value);
          else if (locals.pathname) local(`pathname:${value}`, locals.pathname, value);
          else {
            need('usePathname');
            local('pathname', "usePathname() ?? ''", value);
          }
        } else {
          if (key && GONE[key]) addTodo(j, holder, `\`${key}\`: ${GONE[key]}`);
          if (key === 'events') addTodo(j, holder, 'router events: run an effect on `usePathname()` and `useSearchParams()` instead');
          kept.push(property);
        }
      }
      (declarator.node.id as unknown as { properties: Node[] }).properties = kept;
      flush();
      if (kept.length === 0) j(holder).remove();
      return;
    }
    if (declarator.node.id.type !== 'Identifier') return;
    const router = declarator.node.id.name;
    const uses = j(scope as never)
      .find(j.Identifier, { name: router })
      .filter((p: ASTPath) => p.parent.node.type === 'MemberExpression' && p.parent.node.object === p.node);
    // Reads first, so the URLs built for push/replace below see their converted form.
    uses.forEach((p: ASTPath) => {
      const member = p.parent as ASTPath<Member>;
      const key = memberKey(member.node as never);
      if (key === 'query') j(member).replaceWith(j.identifier(query()));
      else if (key === 'pathname' || key === 'route') j(member).replaceWith(j.identifier(pathname()));
      else if (key === 'asPath')
        j(withoutQuery(member) ?? member).replaceWith(j.identifier(comparesPath(member) || withoutQuery(member) ? pathname() : asPath()));
      else if (key === 'isReady') replaceIsReady(j, member);
      else if (key === 'reload') j(member).replaceWith(reparseExpression(j, 'window.location.reload') as never);
      else if (key && GONE[key]) addTodo(j, member, `\`${router}.${key}\`: ${GONE[key]}`);
    });
    uses.forEach((p: ASTPath) => {
      const member = p.parent as ASTPath<Member>;
      if (member.node?.type !== 'MemberExpression' || member.node.object !== p.node) return;
      const key = memberKey(member.node as never);
      if (key === 'push' || key === 'replace') {
        convertNavigation(j, member);
        unchainThen(j, member);
      } else if (key === 'events') convertEvents(j, member, pathname, searchParams);
    });
    passRouterValues(j, j(scope as never), router, helpers, { query, pathname, asPath });
    flush();
    if (j(scope as never).find(j.Identifier, { name: router }).length === 1) j(holder).remove();
  });

  imports.forEach((p: ASTPath) => {
    const node = p.node as { specifiers?: Array<Node & { imported?: Identifier }> };
    node.specifiers = (node.specifiers ?? []).filter((s) => !(s.type === 'ImportSpecifier' && s.imported?.name === 'useRouter'));
    if (node.specifiers.length === 0 && !(p.node as { comments?: unknown[] }).comments?.length) j(p).remove();
  });
  const stillUsed =
    root.find(j.Identifier, { name: useRouterName }).filter((p: ASTPath) => p.parent.node.type === 'CallExpression').length > 0;
  if (stillUsed) addImport(j, root, 'next/navigation', 'useRouter', useRouterName);
  for (const hook of ['useParams', 'usePathname', 'useSearchParams'] as const)
    if (hooks.has(hook)) addImport(j, root, 'next/navigation', hook);
  finishHelpers(j, root, helpers);
  return printSource(root, file.source, file.path);
}

/** The App Router is always ready: `if (!router.isReady) return …` goes, `router.isReady` is `true`. */
function replaceIsReady(j: API['jscodeshift'], member: ASTPath<Member>): void {
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
function convertNavigation(j: API['jscodeshift'], member: ASTPath<Member>): void {
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
function convertEvents(j: API['jscodeshift'], member: ASTPath<Member>, pathname: () => string, searchParams: () => string): void {
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
function takesNoArguments(j: API['jscodeshift'], from: ASTPath, handler: Node): boolean {
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
function unchainThen(j: API['jscodeshift'], member: ASTPath<Member>): void {
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
function returnAfterNavigation(
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

/** What a `NextRouter` read gives, for the helpers that still read it. */
const READ_TYPES: Record<string, string> = { query: SEARCH_PARAMS_TYPE, pathname: 'string', asPath: 'string', route: 'string' };

/**
 * Helpers typed with the Pages Router's `NextRouter` take the App Router's instance instead; one that
 * reads more than navigation from it gets a TODO.
 */
interface RouterHelper {
  name: string | null;
  /** Which parameter takes the router. */
  index: number;
  /** The reads of the router besides navigation, with their App Router value where there is one. */
  reads: string[];
  /** Calls in this module whose router argument now carries those values. */
  converted: Set<Node>;
  finish(passed: boolean): void;
}

/**
 * Helpers typed with the Pages Router's `NextRouter` take the App Router's instance instead. One that
 * reads `query`, `pathname`, `asPath` or `route` from it takes those values too: where each of its
 * callers is in this module and now passes them, it reads them as before; otherwise its reads are typed
 * optional, so it still compiles for its callers, and a TODO names it.
 */
function retypeNextRouter(
  j: API['jscodeshift'],
  root: ReturnType<API['jscodeshift']>,
  imports: ReturnType<API['jscodeshift']>,
): RouterHelper[] {
  let local: string | null = null;
  imports.forEach((p: ASTPath) => {
    const node = p.node as { specifiers?: Array<Node & { imported?: Identifier; local?: Identifier }> };
    const specifier = (node.specifiers ?? []).find((s) => s.type === 'ImportSpecifier' && s.imported?.name === 'NextRouter');
    if (!specifier) return;
    local = specifier.local?.name ?? 'NextRouter';
    node.specifiers = (node.specifiers ?? []).filter((s) => s !== specifier);
    if (node.specifiers.length === 0) j(p).remove();
  });
  if (!local) return [];
  const name = 'AppRouterInstance';
  const NAVIGATION = new Set(['push', 'replace', 'back', 'forward', 'refresh', 'prefetch']);
  const helpers: RouterHelper[] = [];
  root.find(j.TSTypeReference, { typeName: { type: 'Identifier', name: local } }).forEach((p: ASTPath) => {
    (p.node as Node).typeName = j.identifier(name);
    const param = p.parent?.parent?.node as Node | undefined;
    const fn = p.parent?.parent?.parent?.node as Node | undefined;
    // A function type (`(router: NextRouter) => void`) has no body to read: only its annotation changes.
    if (param?.type !== 'Identifier' || !fn || !/Function/.test(fn.type) || !fn.body) return;
    const reads = new Set<string>();
    j(fn.body as never)
      .find(j.MemberExpression, { object: { type: 'Identifier', name: param.name } })
      .forEach((member: ASTPath) => {
        const key = memberKey(member.node as never);
        if (key && !NAVIGATION.has(key)) reads.add(key);
      });
    if (reads.size === 0) return;
    const typed = [...reads].filter((key) => READ_TYPES[key]);
    const holder = p.parent?.parent?.parent?.parent?.node as Node | undefined;
    const helper = fn.id?.name ?? (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name : null);
    const finish = (passed: boolean) => {
      if (typed.length > 0) {
        const members = typed.map((key) => `${key}${passed ? '' : '?'}: ${READ_TYPES[key]}`).join('; ');
        j(p).replaceWith((statements(j, `type T = ${name} & { ${members} };`)[0] as Node).typeAnnotation);
      }
      if (passed) return;
      j(fn.body as never)
        .find(j.MemberExpression, { object: { type: 'MemberExpression', object: { type: 'Identifier', name: param.name } } })
        .filter((outer: ASTPath) => typed.includes(memberKey((outer.node as Member).object) ?? ''))
        .forEach((outer: ASTPath) => {
          (outer.node as Node).type = 'OptionalMemberExpression';
          (outer.node as Node).optional = true;
        });
      const undefinedNote = typed.length > 0 ? ', so these read undefined until its callers pass them' : '';
      addTodo(
        j,
        p,
        `${helper ? `\`${helper}\` reads ` : ''}\`${[...reads].map((key) => `${param.name}.${key}`).join('`, `')}\`: the App Router's router only navigates${undefinedNote}: pass the values of \`usePathname\` and \`useSearchParams\` from the calling component to this helper instead`,
      );
    };
    helpers.push({ name: helper, index: fn.params.indexOf(param), reads: [...reads], converted: new Set(), finish });
  });
  addTypeImport(j, root, 'next/dist/shared/lib/app-router-context.shared-runtime', name);
  return helpers;
}

/** `backTo(router)`, where `backTo` reads `router.query`: the call passes the router with the values the hooks give. */
function passRouterValues(
  j: API['jscodeshift'],
  scope: ReturnType<API['jscodeshift']>,
  router: string,
  helpers: RouterHelper[],
  values: Record<'query' | 'pathname' | 'asPath', () => string>,
): void {
  for (const helper of helpers) {
    if (!helper.name || !helper.reads.every((key) => READ_TYPES[key])) continue;
    scope.find(j.CallExpression, { callee: { type: 'Identifier', name: helper.name } }).forEach((call: ASTPath<CallExpression>) => {
      const argument = call.node.arguments[helper.index] as Node | undefined;
      if (argument?.type !== 'Identifier' || argument.name !== router) return;
      const entries = helper.reads.map((key) => {
        const local = values[key === 'route' ? 'pathname' : (key as 'query' | 'pathname' | 'asPath')]();
        return local === key ? key : `${key}: ${local}`;
      });
      call.node.arguments[helper.index] = reparseExpression(j, `{ ...${router}, ${entries.join(', ')} }`) as never;
      helper.converted.add(call.node);
    });
  }
}

/** Whether the module exports a binding of this name, so callers elsewhere may pass it a bare router. */
function exportsName(j: API['jscodeshift'], root: ReturnType<API['jscodeshift']>, name: string): boolean {
  const declares = (node: Node | null | undefined): boolean =>
    !!node &&
    ((node.type === 'Identifier' && node.name === name) ||
      (/Function|Class/.test(node.type) && node.id?.name === name) ||
      (node.type === 'VariableDeclaration' && (node.declarations as Node[]).some((d) => d.id.type === 'Identifier' && d.id.name === name)));
  const named = root.find(j.ExportNamedDeclaration).filter((p: ASTPath) => {
    const node = p.node as Node;
    return declares(node.declaration) || ((node.specifiers ?? []) as Node[]).some((s) => s.local?.name === name);
  });
  const byDefault = root.find(j.ExportDefaultDeclaration).filter((p: ASTPath) => declares((p.node as Node).declaration));
  const commonJs = root.find(j.AssignmentExpression).filter((p: ASTPath) => {
    const { left, right } = p.node as Node;
    return (
      left.type === 'MemberExpression' && /exports/.test(j(left as never).toSource()) && right.type === 'Identifier' && right.name === name
    );
  });
  return named.length + byDefault.length + commonJs.length > 0;
}

/** Each helper reads the router's values as before where every caller is here and passes them; the rest keep a TODO. */
function finishHelpers(j: API['jscodeshift'], root: ReturnType<API['jscodeshift']>, helpers: RouterHelper[]): void {
  for (const helper of helpers) {
    const name = helper.name;
    const uses = name
      ? references(j, root, name).filter((p: ASTPath) => {
          const parent = p.parent.node as Node;
          return !((parent.type === 'VariableDeclarator' || parent.type === 'FunctionDeclaration') && parent.id === p.node);
        })
      : null;
    const exported = name !== null && exportsName(j, root, name);
    const passed =
      !exported &&
      uses !== null &&
      uses.length > 0 &&
      helper.reads.every((key) => READ_TYPES[key]) &&
      uses.every((p: ASTPath) => helper.converted.has(p.parent.node));
    helper.finish(passed);
  }
}

/** `asPath === href` or `asPath.startsWith('/docs')`: an active-link test, which means the path without its query string. */
function comparesPath(member: ASTPath): boolean {
  const parent = member.parent?.node as Node | undefined;
  if (parent?.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(parent.operator)) return true;
  return (
    parent?.type === 'MemberExpression' &&
    parent.object === member.node &&
    ['startsWith', 'endsWith'].includes(memberKey(parent as never) ?? '')
  );
}

/** `asPath.split('?')[0]`: the path without its query string, which is what `usePathname()` gives. */
function withoutQuery(member: ASTPath): ASTPath | null {
  const split = member.parent as ASTPath<Member> | undefined;
  const call = split?.parent as ASTPath<CallExpression> | undefined;
  const index = call?.parent as ASTPath<Member> | undefined;
  if (split?.node.type !== 'MemberExpression' || split.node.object !== member.node || memberKey(split.node as never) !== 'split')
    return null;
  const [separator] = (call?.node.type === 'CallExpression' && call.node.callee === split.node ? call.node.arguments : []) as Node[];
  if (separator?.type !== 'StringLiteral' || separator.value !== '?') return null;
  if (
    index?.node.type !== 'MemberExpression' ||
    index.node.object !== call!.node ||
    !index.node.computed ||
    (index.node.property as Node).type !== 'NumericLiteral' ||
    (index.node.property as Node).value !== 0
  )
    return null;
  return index;
}
