import type { API, ASTPath, FileInfo, JSCodeshift } from 'jscodeshift';
import {
  dropUnused,
  hasDirective,
  isTypeScript,
  memberKey,
  reparseExpression,
  statements,
  withUseClient,
  type AstNode as Node,
  type RuleMeta,
  type RuleOptions,
} from './lib/rules.ts';
import { addImport, addTodo, removeUnusedBinding, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { classAppToFunction, destructureProps, knownDefaultLayout, oneLine } from './lib/app/app-function.ts';
import { defaultSeoElements, defaultSeoMetadata } from './lib/app/default-seo.ts';
import {
  convertibleInitialProps,
  dropMovedInitialProps,
  initialPropsStatement,
  keepUnpassedProps,
  takeLoadedProps,
} from './lib/app/initial-props.ts';

export { withAppMetadata } from './lib/app/default-seo.ts';

export const meta: RuleMeta = {
  id: 'app-to-providers',
  title: "`pages/_app` → a `'use client'` `Providers` component for the root layout",
  coverage: 'partial',
  description:
    "The custom App becomes `Providers({ children })`: `<Component {...pageProps} />` is `children`, a `getLayout`/`Component.Layout` step with an identity default goes (pages render their own layout, see `page-layout`), and global CSS imports are left to the root layout. A class App (`class MyApp extends App`) whose only member is `render()` becomes a function first, `this.props` its props; a class with state, lifecycle methods or `getInitialProps`, an App exported through a wrapper (`appWithTranslation(MyApp)`) or one that passes its props object on whole stops the migration with a message naming the file, so no provider is dropped in silence; `App(props)` with `props.Component` reads is destructured first. `next-seo`'s `<DefaultSeo>` with literal props goes: the root layout gets the same `metadata` (`title` with its `titleTemplate`, `description`, `canonical`, `openGraph`, `twitter`, `noindex`/`nofollow`); with other props it stays, with a TODO. Its hooks and effects stay (the `next/router` rule converts router events). A provider prop read from `pageProps` (`<SessionProvider session={pageProps.session}>`, or `session={session}` destructured as `pageProps: { session, ...pageProps }`) goes, with a TODO; other `pageProps` reads get a TODO. A default layout that is not the identity (`Component.getLayout ?? ((page) => <Main>{page}</Main>)`, `Component.Layout || SiteLayout`) wraps `children` in `Providers` when no page has a layout of its own (the migration passes `pagesDefineLayouts: false`), so every page still gets it; otherwise it gets a TODO. An `_app` that only renders the page needs no providers; the migration then writes none. An `App.getInitialProps = …` that reads nothing of its context but the request's headers and cookies (`ctx.req.headers.x`, `ctx.req.cookies.x`, `ez-cookies`' `getCookie(name, { req: ctx.req })`) and the result of `App.getInitialProps(ctx)`, which it only spreads, moves to the root layout (the migration passes `appPropsModule`): it becomes `loadAppProps()` in a server module `app/app-props`, reading `(await headers()).get(…)` and `(await cookies()).get(…)?.value`, the root layout, now async, awaits it and passes the result to `<Providers>`, and the App's own props stay on `Providers`, typed as the App declared them (`AppProps & { theme: Theme }`, `AppType<{ theme: Theme }>`) or else as `loadAppProps` returns them (`LoadedAppProps`); one that returns nothing else just goes. Any other `getInitialProps` stays, with a TODO, and the App's own props stay on `Providers`, undefined (optional, where the App declared their type) rather than names that are gone.",
};

export const parser = 'tsx';

const isComponentElement = (node: Node, component: string) =>
  node?.type === 'JSXElement' && node.openingElement.name.type === 'JSXIdentifier' && node.openingElement.name.name === component;

/** The attributes `_app` gives the per-page layout element (`<Layout title="…">`), as source, so each page can pass them itself. */
export function appLayoutAttributes(source: string, j: JSCodeshift): string | null {
  let root;
  try {
    root = sourceTree(j, source);
  } catch {
    return null;
  }
  let found: string | null = null;
  root.find(j.VariableDeclarator).forEach((p: ASTPath) => {
    const { id, init } = p.node as Node;
    if (found !== null || id.type !== 'Identifier' || !init || j(init).find(j.Identifier, { name: 'Component' }).length === 0) return;
    root.find(j.JSXOpeningElement, { name: { name: id.name } } as never).forEach((opening: ASTPath) => {
      const attributes = ((opening.node as Node).attributes ?? []) as Node[];
      if (attributes.length > 0)
        found = attributes
          .map((a) =>
            j(a)
              .toSource()
              .replace(/\s*\n\s*/g, ' '),
          )
          .join(' ');
    });
  });
  return found;
}

/** True when the providers component renders nothing but its children. */
export function rendersOnlyChildren(source: string, j: JSCodeshift): boolean {
  const root = sourceTree(j, source);
  const fn = root.find(j.FunctionDeclaration, { id: { name: 'Providers' } }).paths()[0];
  if (!fn) return false;
  const body = fn.node.body.body as Node[];
  if (body.length !== 1 || body[0].type !== 'ReturnStatement') return false;
  const code = j(body[0].argument as never)
    .toSource()
    .replace(/\s+/g, '');
  return code === '<>{children}</>' || code === 'children';
}

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  if (
    hasDirective(j, root, 'use client') &&
    root.find(j.FunctionDeclaration, { id: { name: 'Providers' } }).length +
      root.find(j.VariableDeclarator, { id: { name: 'Providers' } }).length >
      0
  )
    return undefined;
  classAppToFunction(j, root, file.path);
  const exported = root.find(j.ExportDefaultDeclaration).paths()[0];
  let fn = exported?.node.declaration as Node | undefined;
  const appName: string | undefined = fn?.type === 'Identifier' ? fn.name : fn?.id?.name;
  if (fn?.type === 'Identifier') {
    const name = fn.name;
    fn =
      root.find(j.FunctionDeclaration, { id: { name } }).paths()[0]?.node ??
      root.find(j.VariableDeclarator, { id: { name } }).paths()[0]?.node.init;
    j(exported!).remove();
    const declaration =
      root.find(j.FunctionDeclaration, { id: { name } }).paths()[0] ??
      root.find(j.VariableDeclarator, { id: { name } }).closest(j.VariableDeclaration).paths()[0];
    if (declaration && fn) j(declaration).replaceWith(j.exportNamedDeclaration(declaration.node as never));
  }
  // Providers the App renders must never be dropped in silence: what cannot become `Providers` stops the migration.
  const stop = (what: string): never => {
    throw new Error(
      `${file.path}: ${what}: rewrite it as a function component taking \`({ Component, pageProps })\`, then run the migration again`,
    );
  };
  if (fn?.type === 'CallExpression')
    stop(`the App is exported through \`${oneLine(j, fn.callee)}(…)\`, which wraps a Pages Router App; the App Router has no App to wrap`);
  if (!fn || !['FunctionDeclaration', 'ArrowFunctionExpression', 'FunctionExpression'].includes(fn.type))
    return stop('the default export is not a component this rule can read');
  if (fn.params[0]?.type === 'Identifier') destructureProps(j, fn, stop);
  const [props] = fn.params;
  if (props?.type !== 'ObjectPattern') return stop('the App does not destructure its props');
  const names = Object.fromEntries(
    props.properties.filter((p: Node) => p.type === 'ObjectProperty').map((p: Node) => [p.key.name, p.value.name]),
  );
  const component: string = names.Component ?? 'Component';
  // `pageProps: { session, ...pageProps }`: `session` is a page prop too, and the rest keeps the name.
  const pagePropsPattern = props.properties.find((p: Node) => p.type === 'ObjectProperty' && p.key.name === 'pageProps')?.value;
  const pagePropNames = new Set<string>();
  let pageProps: string | undefined = names.pageProps;
  if (pagePropsPattern?.type === 'ObjectPattern') {
    for (const property of pagePropsPattern.properties as Node[]) {
      if (property.type === 'RestElement') pageProps = property.argument.name;
      else if (property.value?.type === 'Identifier') pagePropNames.add(property.value.name);
    }
  }
  const scope = j(fn as never);

  // `const getLayout = Component.getLayout ?? ((page) => page)` and `const Layout = Component.Layout ?? Fragment`.
  const identityLayouts = new Map<string, 'call' | 'element'>();
  const defaultLayouts = new Map<string, Node>();
  const notes: string[] = [];
  scope.find(j.VariableDeclarator).forEach((p: ASTPath) => {
    const { id, init } = p.node as Node;
    if (id.type !== 'Identifier' || !init) return;
    const fromPage = j(init).find(j.Identifier, { name: component }).length > 0 || (init.type === 'Identifier' && init.name === component);
    if (!fromPage) return;
    const member = init.type === 'LogicalExpression' ? init.left : init;
    const key = member.type === 'MemberExpression' && member.object.name === component ? memberKey(member) : null;
    const asElement = scope.find(j.JSXOpeningElement, { name: { name: id.name } } as never).length > 0;
    if (key !== 'getLayout' && !asElement) return;
    const fallback = init.type === 'LogicalExpression' ? j(init.right).toSource().replace(/\s+/g, '') : key ? null : 'unknown';
    const identity =
      fallback === null ||
      /^\(?\(?(\w+)\)?=>\1\)?$/.test(fallback) ||
      fallback === 'Fragment' ||
      fallback === 'React.Fragment' ||
      /^\(?\(\{children\}\)=>(children|<>\{children\}<\/>)\)?$/.test(fallback);
    // Every page got this default: the providers apply it to them all.
    const defaultLayout =
      !identity && options.pagesDefineLayouts === false && init.type === 'LogicalExpression'
        ? knownDefaultLayout(j, key, init.right)
        : null;
    if (defaultLayout) {
      defaultLayouts.set(id.name, defaultLayout);
      identityLayouts.set(id.name, key === 'getLayout' ? 'call' : 'element');
      j(p).closest(j.VariableDeclaration).remove();
      return;
    }
    if (!identity) {
      notes.push(
        `pages without a layout of their own got ${fallback === 'unknown' ? `the one \`${oneLine(j, init)}\` picks` : `\`${oneLine(j, init.right)}\``} from \`_app\`: render it from those pages (or a nested \`layout.tsx\`)`,
      );
    }
    identityLayouts.set(id.name, key === 'getLayout' ? 'call' : 'element');
    j(p).closest(j.VariableDeclaration).remove();
  });

  // `<Component {...pageProps} />` → `children`, inside a layout step or not.
  scope
    .find(j.JSXElement)
    .filter((p: ASTPath) => isComponentElement(p.node, component))
    .forEach((p: ASTPath) => {
      let target: ASTPath = p;
      const parent = p.parent.node;
      if (parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && identityLayouts.get(parent.callee.name) === 'call')
        target = p.parent;
      const holder = target.parent.node.type;
      const layout = target !== p ? defaultLayouts.get(parent.callee.name) : undefined;
      if (layout) {
        if (layout.extra) layout.extra.parenthesized = false;
        j(holder === 'JSXExpressionContainer' ? target.parent : target).replaceWith(layout as never);
        return;
      }
      const replacement =
        holder === 'JSXElement' || holder === 'JSXFragment'
          ? j.jsxExpressionContainer(j.identifier('children'))
          : holder === 'JSXExpressionContainer'
            ? j.identifier('children')
            : reparseExpression(j, '<>{children}</>');
      j(target).replaceWith(replacement as never);
    });
  // The per-page layout element goes; what it wrapped (the page and anything beside it) stays.
  scope
    .find(j.JSXElement)
    .filter((p: ASTPath) => {
      const name = (p.node as Node).openingElement.name;
      return name.type === 'JSXIdentifier' && identityLayouts.get(name.name) === 'element';
    })
    .forEach((p: ASTPath) => {
      const layout = defaultLayouts.get((p.node as Node).openingElement.name.name);
      if (layout) {
        (p.node as Node).openingElement.name = j.jsxIdentifier(layout.name);
        if ((p.node as Node).closingElement) (p.node as Node).closingElement.name = j.jsxIdentifier(layout.name);
        return;
      }
      const children = ((p.node as Node).children as Node[]).filter((c) => !(c.type === 'JSXText' && !c.value.trim()));
      const inJsx = p.parent.node.type === 'JSXElement' || p.parent.node.type === 'JSXFragment';
      const only = children.length === 1 ? children[0] : null;
      if (only && only.type === 'JSXExpressionContainer' && !inJsx) j(p).replaceWith(reparseExpression(j, '<>{children}</>') as never);
      else if (only && only.type === 'JSXElement') j(p).replaceWith(only as never);
      else j(p).replaceWith(j.jsxFragment(j.jsxOpeningFragment(), j.jsxClosingFragment(), (p.node as Node).children) as never);
    });
  // The App's `router` prop is the Pages Router's router: the hook gives it, and the router rule converts it.
  const routerName: string | undefined = names.router;
  if (routerName && fn.body.type === 'BlockStatement') {
    fn.body.body.unshift(...statements(j, `const ${routerName} = useRouter();`));
    addImport(j, root, 'next/router', 'useRouter');
  }
  fn.params[0] = reparseExpression(
    j,
    isTypeScript(file.path) ? '({ children }: { children: React.ReactNode }) => 0' : '({ children }) => 0',
  ).params[0];
  if (typeof options.appPropsModule === 'string' && convertibleInitialProps(j, root))
    takeLoadedProps(j, root, fn, props, options.appPropsModule, file.path);
  else if (initialPropsStatement(j, root)) keepUnpassedProps(j, root, fn, props, file.path);
  // `<SessionProvider session={pageProps.session}>`: the provider goes without the prop (it fetches the session itself) rather than read a name that is gone.
  const droppedProps: string[] = [];
  if (pageProps !== undefined || pagePropNames.size > 0) {
    scope
      .find(j.JSXAttribute)
      .filter((p: ASTPath) => {
        const value = (p.node as Node).value;
        if (value?.type !== 'JSXExpressionContainer') return false;
        if (value.expression.type === 'Identifier') return pagePropNames.has(value.expression.name);
        return (
          value.expression.type === 'MemberExpression' &&
          value.expression.object.type === 'Identifier' &&
          value.expression.object.name === pageProps
        );
      })
      .forEach((p: ASTPath) => {
        droppedProps.push(oneLine(j, p.node as Node));
        j(p).remove();
      });
  }
  if (droppedProps.length > 0)
    notes.push(
      `${droppedProps.map((prop) => `\`${prop}\``).join(', ')} came from a page's props, which the root layout does not have: the provider now goes without; pass the value from the root layout if it needs one`,
    );
  const pagePropsLeft = [...(pageProps === undefined ? [] : [pageProps]), ...pagePropNames].some(
    (name) => scope.find(j.Identifier, { name }).length > 0,
  );
  if (fn.type === 'FunctionDeclaration') fn.id = j.identifier('Providers');
  // By identity: a node given as a find() filter is matched field by field, down into its tokens.
  else
    root
      .find(j.VariableDeclarator)
      .filter((p: ASTPath) => (p.node as Node).init === fn)
      .forEach((p: ASTPath) => ((p.node as Node).id = j.identifier('Providers')));
  if (exported && exported.node.declaration === fn) j(exported).replaceWith(j.exportNamedDeclaration(fn as never));
  // The root layout computes what `getInitialProps` did (see `appPropsModule`) when the migration says so.
  if (options.appPropsModule !== undefined) dropMovedInitialProps(j, root);
  // `MyApp.getInitialProps = …` (kept under `--force`) must not read a name that is gone.
  if (appName && appName !== 'Providers')
    root
      .find(j.AssignmentExpression, { left: { type: 'MemberExpression', object: { type: 'Identifier', name: appName } } } as never)
      .forEach((p: ASTPath) => {
        (p.node as Node).left.object = j.identifier('Providers');
        const statement = j(p).closest(j.ExpressionStatement).paths()[0];
        if (statement && memberKey((p.node as Node).left) === 'getInitialProps')
          addTodo(
            j,
            statement,
            "the App's `getInitialProps` never runs in the App Router: read cookies and data in the root layout (`cookies()`) and pass them to `Providers`",
          );
      });
  if (pagePropsLeft)
    notes.push('`pageProps` are gone in the App Router: fetch what the providers need in the root layout and pass it as props');
  const holder =
    root.find(j.FunctionDeclaration, { id: { name: 'Providers' } }).paths()[0] ??
    root.find(j.VariableDeclarator, { id: { name: 'Providers' } }).paths()[0];
  if (holder) for (const note of notes) addTodo(j, holder as ASTPath, note);
  // `<DefaultSeo>` did nothing but set the head, which the root layout's `metadata` now does (`withAppMetadata`).
  for (const seo of defaultSeoElements(j, root)) {
    if (!defaultSeoMetadata(j, seo.node as Node)) {
      addTodo(
        j,
        seo,
        '`<DefaultSeo>` from `next-seo` does nothing in the App Router: move its props to `export const metadata` in the root layout',
      );
      continue;
    }
    const siblings = (seo.parent.node as Node).children as Node[] | undefined;
    if (siblings) {
      const index = siblings.indexOf(seo.node);
      siblings.splice(index, siblings[index + 1]?.type === 'JSXText' && !siblings[index + 1].value.trim() ? 2 : 1);
    } else j(seo).replaceWith(j.nullLiteral() as never);
    removeUnusedBinding(j, root, (seo.node as Node).openingElement.name.name);
  }
  // Global styles belong to the root layout.
  root
    .find(j.ImportDeclaration)
    .filter((p: ASTPath) => !(p.node as Node).specifiers?.length && /\.(css|scss|sass|less)$/.test((p.node as Node).source.value))
    .remove();
  dropUnused(j, root, ['AppProps', 'NextPage', 'ReactElement', 'ReactNode']);
  return withUseClient(printSource(root, file.source, file.path));
}
