import type { API, ASTPath, CallExpression, FileInfo, Identifier, VariableDeclarator } from 'jscodeshift';
import {
  freeName,
  freshStatements,
  memberKey,
  reparseExpression,
  type RuleMeta,
  type RuleOptions,
  type AstNode as Node,
} from './lib/rules.ts';
import { addImport, addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { convertEvents, convertNavigation, replaceIsReady, unchainThen, type Member } from './lib/router/navigation.ts';
import { finishHelpers, passRouterValues, retypeNextRouter } from './lib/router/helpers.ts';

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
