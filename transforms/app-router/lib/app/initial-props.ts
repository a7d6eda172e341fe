import type { ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';
import { addImport, removeUnusedBinding, sourceTree } from '../../../../src/engine/codemod.ts';
import { printSource } from '../../../../src/engine/print-style.ts';
import { freeName, isTypeScript, memberKey, references, type AstNode as Node } from '../rules.ts';

/** The server function the root layout awaits for what the App's `getInitialProps` returned. */
export const LOADER = 'loadAppProps';
/** The type of what it returns, which the providers take as props. */
export const LOADED_TYPE = 'LoadedAppProps';

/** Cookie readers that take the request as `{ req }` and answer the cookie's decoded value or undefined, as `cookies()` does. */
const COOKIE_READERS: Record<string, string> = { 'ez-cookies': 'getCookie' };

/** A read of the request the App Router gives through `headers()` or `cookies()`. */
interface RequestRead {
  path: ASTPath;
  kind: 'headers' | 'cookies';
  name: Node;
}

export interface InitialProps {
  /** The `App.getInitialProps = …` statement. */
  statement: ASTPath;
  fn: Node;
  /** `App.getInitialProps(ctx)`, the Pages Router's own part, whose result is only spread into the props. */
  ownCalls: ASTPath[];
  reads: RequestRead[];
}

const isFunction = (node: Node | undefined) => !!node && /^(ArrowFunctionExpression|FunctionExpression)$/.test(node.type);

function importBindings(j: JSCodeshift, root: Collection): Map<string, { source: string; imported: string }> {
  const bindings = new Map<string, { source: string; imported: string }>();
  root.find(j.ImportDeclaration).forEach((p: ASTPath) => {
    for (const specifier of ((p.node as Node).specifiers ?? []) as Node[]) {
      const imported =
        specifier.type === 'ImportSpecifier' ? specifier.imported.name : specifier.type === 'ImportDefaultSpecifier' ? 'default' : '*';
      bindings.set(specifier.local?.name ?? specifier.imported.name, { source: (p.node as Node).source.value, imported });
    }
  });
  return bindings;
}

/** The App's `App.getInitialProps = …` statement, if it has one. */
export function initialPropsStatement(j: JSCodeshift, root: Collection): ASTPath | undefined {
  return root
    .find(j.ExpressionStatement)
    .filter(
      (p: ASTPath) =>
        p.parent.node.type === 'Program' &&
        (p.node as Node).expression.type === 'AssignmentExpression' &&
        (p.node as Node).expression.left.type === 'MemberExpression' &&
        (p.node as Node).expression.left.object.type === 'Identifier' &&
        memberKey((p.node as Node).expression.left) === 'getInitialProps',
    )
    .paths()[0];
}

/**
 * The App's `getInitialProps` when all it reads of its context is the request's headers and cookies
 * (directly or through a known cookie reader) and the result of `App.getInitialProps(ctx)`, which it
 * only spreads: the root layout, an async server component, can compute the same. Null otherwise.
 */
export function convertibleInitialProps(j: JSCodeshift, root: Collection): InitialProps | null {
  const statement = initialPropsStatement(j, root);
  const fn = (statement?.node as Node | undefined)?.expression.right as Node | undefined;
  if (!statement || !isFunction(fn) || fn!.params.length > 1) return null;
  const bindings = importBindings(j, root);
  const appNames = [...bindings].filter(([, b]) => b.source === 'next/app' && b.imported === 'default').map(([name]) => name);
  const readers = [...bindings].filter(([, b]) => COOKIE_READERS[b.source] === b.imported).map(([name]) => name);
  const [param] = fn!.params as Node[];
  const contextName: string | undefined = param?.type === 'Identifier' ? param.name : undefined;
  const ctxName: string | undefined =
    param?.type === 'ObjectPattern' && param.properties.length === 1 && param.properties[0].key?.name === 'ctx'
      ? param.properties[0].value?.name
      : undefined;
  if (param && !contextName && !ctxName) return null;
  const scope = j(fn!.body as never);
  const isMember = (node: Node | undefined) => node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression';
  const isRequest = (node: Node): boolean =>
    isMember(node) &&
    memberKey(node) === 'req' &&
    ((ctxName !== undefined && node.object.type === 'Identifier' && node.object.name === ctxName) ||
      (contextName !== undefined &&
        isMember(node.object) &&
        memberKey(node.object) === 'ctx' &&
        node.object.object.type === 'Identifier' &&
        node.object.object.name === contextName));
  const ownCalls: ASTPath[] = [];
  const reads: RequestRead[] = [];
  let convertible = true;
  const context = contextName ?? ctxName;
  (context === undefined ? j([]) : references(j, scope, context)).forEach((p: ASTPath<Identifier>) => {
    if (!convertible) return;
    const parent = p.parent.node as Node;
    if (
      contextName &&
      parent.type === 'CallExpression' &&
      parent.arguments.length === 1 &&
      memberKey(parent.callee) === 'getInitialProps' &&
      parent.callee.object?.type === 'Identifier' &&
      appNames.includes(parent.callee.object.name)
    ) {
      ownCalls.push(p.parent);
      return;
    }
    let request: ASTPath = p.parent;
    if (contextName) request = request.parent;
    if (!isRequest(request.node as Node)) return void (convertible = false);
    const use = request.parent as ASTPath;
    const useNode = use.node as Node;
    const key = isMember(useNode) && useNode.object === request.node ? memberKey(useNode) : null;
    const outer = use.parent?.node as Node | undefined;
    if ((key === 'headers' || key === 'cookies') && isMember(outer) && outer!.object === useNode) {
      const name = memberKey(outer!);
      if (name === null && !outer!.computed) return void (convertible = false);
      reads.push({
        path: use.parent,
        kind: key,
        name: name === null ? outer!.property : j.stringLiteral(key === 'headers' ? name.toLowerCase() : name),
      });
      return;
    }
    // `getCookie('theme', { req: ctx.req })`
    const options = use.parent?.node as Node | undefined;
    const call = use.parent?.parent?.node as Node | undefined;
    if (
      useNode.type === 'ObjectProperty' &&
      useNode.key.name === 'req' &&
      options?.type === 'ObjectExpression' &&
      options.properties.length === 1 &&
      call?.type === 'CallExpression' &&
      call.arguments.length === 2 &&
      call.arguments[1] === options &&
      call.callee.type === 'Identifier' &&
      readers.includes(call.callee.name)
    ) {
      reads.push({ path: use.parent.parent, kind: 'cookies', name: call.arguments[0] });
      return;
    }
    convertible = false;
  });
  if (!convertible) return null;
  // What `App.getInitialProps(ctx)` gives is the page's own props, which App Router pages load themselves: it may only be spread.
  for (const call of ownCalls) {
    const awaited = call.parent.node.type === 'AwaitExpression' ? call.parent : call;
    const holder = awaited.parent.node as Node;
    if (holder.type === 'SpreadElement') continue;
    if (holder.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') return null;
    const uses = references(j, scope, holder.id.name).filter((p: ASTPath) => p.node !== holder.id);
    if (uses.filter((p: ASTPath) => p.parent.node.type !== 'SpreadElement').length > 0) return null;
  }
  // Module-level code of `_app` stays in the client providers: a function that needs it cannot move.
  const program = root.find(j.Program).get().node as Node;
  const moduleNames = new Set<string>();
  for (const node of program.body as Node[]) {
    const inner = /^Export/.test(node.type) ? node.declaration : node;
    if (inner?.id?.name) moduleNames.add(inner.id.name);
    for (const declarator of inner?.declarations ?? []) if (declarator.id.type === 'Identifier') moduleNames.add(declarator.id.name);
  }
  for (const name of moduleNames) if (references(j, scope, name).length > 0) return null;
  return { statement, fn: fn!, ownCalls, reads };
}

/** True when `_app`'s `getInitialProps` can move to the root layout (the migration then needs no `--force` for it). */
export function initialPropsMove(j: JSCodeshift, source: string): boolean {
  try {
    return convertibleInitialProps(j, sourceTree(j, source)) !== null;
  } catch {
    return false;
  }
}

/** Whether the converted function still returns something: `{ ...appProps }` alone gives the root layout nothing to pass. */
function returnsProps(j: JSCodeshift, fn: Node): boolean {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return !(body.type === 'ObjectExpression' && body.properties.length === 0);
  const [only] = body.body as Node[];
  return !(
    body.body.length === 1 &&
    only.type === 'ReturnStatement' &&
    only.argument?.type === 'ObjectExpression' &&
    only.argument.properties.length === 0
  );
}

/** Drops the Pages Router's own part (`App.getInitialProps(ctx)`) and reads the request through `headers()` and `cookies()`. */
function convertBody(j: JSCodeshift, found: InitialProps): void {
  const scope = j(found.fn.body as never);
  for (const call of found.ownCalls) {
    const awaited = call.parent.node.type === 'AwaitExpression' ? call.parent : call;
    const holder = awaited.parent as ASTPath;
    if ((holder.node as Node).type === 'SpreadElement') {
      j(holder).remove();
      continue;
    }
    const name = (holder.node as Node).id.name as string;
    references(j, scope, name)
      .filter((p: ASTPath) => p.parent.node.type === 'SpreadElement')
      .forEach((p: ASTPath) => j(p.parent).remove());
    const declaration = j(holder).closest(j.VariableDeclaration);
    if (declaration.get().node.declarations.length === 1) declaration.remove();
    else j(holder).remove();
  }
  for (const read of found.reads) {
    const call = j.awaitExpression(j.callExpression(j.identifier(read.kind), []));
    const get = j.callExpression(j.memberExpression(call, j.identifier('get')), [read.name as never]);
    j(read.path).replaceWith(read.kind === 'headers' ? get : j.optionalMemberExpression(get, j.identifier('value')));
  }
  found.fn.params = [];
}

/**
 * The module the root layout imports `loadAppProps` from: the App's `getInitialProps`, made an
 * async server function without its context, with the imports it uses. Null when `_app` has no
 * `getInitialProps` that can move, or when it returns nothing but the page's own props.
 */
export function appPropsModule(j: JSCodeshift, appSource: string, target: string): string | null {
  const root = sourceTree(j, appSource);
  const found = convertibleInitialProps(j, root);
  if (!found) return null;
  convertBody(j, found);
  if (!returnsProps(j, found.fn)) return null;
  const program = root.find(j.Program).get().node as Node;
  if (found.fn.body.extra) found.fn.body.extra.parenthesized = false;
  const body = found.fn.body.type === 'BlockStatement' ? found.fn.body : j.blockStatement([j.returnStatement(found.fn.body as never)]);
  const loader = j.functionDeclaration(j.identifier(LOADER), [], body as never);
  loader.async = true;
  const exported = j.exportNamedDeclaration(loader);
  // The header comment of `_app` (a licence) stays on the first line; other comments belong to code that stays behind.
  (exported as Node).comments = (found.statement.node as Node).comments ?? null;
  program.body = [...(program.body as Node[]).filter((node) => node.type === 'ImportDeclaration'), exported];
  if (isTypeScript(target)) {
    const loaded = j.tsTypeAliasDeclaration(
      j.identifier(LOADED_TYPE),
      j.tsTypeReference(
        j.identifier('Awaited'),
        j.tsTypeParameterInstantiation([
          j.tsTypeReference(j.identifier('ReturnType'), j.tsTypeParameterInstantiation([j.tsTypeQuery(j.identifier(LOADER))])),
        ]),
      ),
    );
    program.body.push(j.exportNamedDeclaration(loaded));
  }
  const kept = new Set([...importBindings(j, root).keys()].filter((name) => references(j, j(body as never), name).length > 0));
  root.find(j.ImportDeclaration).forEach((p: ASTPath) => {
    const node = p.node as Node;
    node.specifiers = ((node.specifiers ?? []) as Node[]).filter((s) => kept.has(s.local?.name ?? s.imported.name));
    if (node.specifiers.length === 0) return void j(p).remove();
    // A binding used only as a type must not load a client package into the server.
    const typeOnly = (node.specifiers as Node[]).every((s) =>
      references(j, root, s.local?.name ?? s.imported.name)
        .filter((r: ASTPath) => !/^Import/.test(r.parent.node.type))
        .paths()
        .every((r: ASTPath) => /^TS/.test(r.parent.node.type)),
    );
    if (!typeOnly) return;
    node.importKind = 'type';
    for (const specifier of node.specifiers as Node[]) specifier.importKind = 'value';
  });
  for (const read of new Set(found.reads.map((r) => r.kind))) addImport(j, root, 'next/headers', read);
  return printSource(root, appSource, target);
}

/** In the providers module: the `getInitialProps` that moved to the root layout goes, with the imports only it used. */
export function dropMovedInitialProps(j: JSCodeshift, root: Collection): boolean {
  const found = convertibleInitialProps(j, root);
  if (!found) return false;
  const used = [...importBindings(j, root).keys()].filter((name) => references(j, j(found.statement), name).length > 0);
  j(found.statement).remove();
  for (const name of used) removeUnusedBinding(j, root, name);
  return true;
}

/** Props every Pages Router App gets from Next.js; the others came from `getInitialProps`. */
const NEXT_APP_PROPS = new Set(['Component', 'pageProps', 'router', 'err']);

const ownProps = (appProps: Node | undefined): Node[] =>
  ((appProps?.properties ?? []) as Node[]).filter(
    (property) => property.type === 'ObjectProperty' && !NEXT_APP_PROPS.has(property.key?.name),
  );

/**
 * A `getInitialProps` that stays (with its TODO) gives the providers nothing: the App's own props stay in
 * their parameter, undefined until the root layout passes them, so the providers never read a name
 * that is gone. In TypeScript they keep the type the App declared, each made optional; without one they go.
 */
export function keepUnpassedProps(j: JSCodeshift, root: Collection, fn: Node, appProps: Node, file: string): void {
  const own = ownProps(appProps);
  const declared = declaredOwnProps(j, root, fn, appProps);
  const pattern = fn.params[0] as Node;
  if (own.length === 0 || (isTypeScript(file) && (!declared || !pattern.typeAnnotation))) return;
  pattern.properties.push(...own);
  if (!isTypeScript(file)) return;
  const optional = j.tsTypeReference(j.identifier('Partial'), j.tsTypeParameterInstantiation([declared as never]));
  pattern.typeAnnotation.typeAnnotation = j.tsIntersectionType([pattern.typeAnnotation.typeAnnotation, optional]);
}

/**
 * The type the App gave its own props, where it wrote one: `AppProps & { theme: Theme }` on the
 * parameter, or `const MyApp: AppType<{ theme: Theme }>` on the App. Null otherwise.
 */
function declaredOwnProps(j: JSCodeshift, root: Collection, fn: Node, appProps: Node): Node | null {
  const onParam = appProps?.typeAnnotation?.typeAnnotation as Node | undefined;
  if (onParam?.type === 'TSIntersectionType') {
    const own = (onParam.types as Node[]).filter((type) => type.type === 'TSTypeLiteral');
    if (own.length === 1) return own[0]!;
  }
  const holder = root
    .find(j.VariableDeclarator)
    .filter((p: ASTPath) => (p.node as Node).init === fn)
    .paths()[0];
  const onApp = (holder?.node as Node | undefined)?.id.typeAnnotation?.typeAnnotation as Node | undefined;
  const parameters = (onApp?.typeParameters?.params ?? []) as Node[];
  return onApp?.type === 'TSTypeReference' && parameters.length === 1 && parameters[0]!.type === 'TSTypeLiteral' ? parameters[0]! : null;
}

/**
 * The providers take what the root layout loaded: the App's props other than Next.js's own stay in its
 * parameter, typed as the App declared them, or else as `loadAppProps` returns them (imported from
 * `module` as a type only).
 */
export function takeLoadedProps(j: JSCodeshift, root: Collection, fn: Node, appProps: Node, module: string, file: string): void {
  const own = ownProps(appProps);
  if (own.length === 0) return;
  const declared = declaredOwnProps(j, root, fn, appProps);
  const pattern = fn.params[0] as Node;
  pattern.properties.push(...own);
  // The App's own prop types (`AppProps & CountryProps`) may now be unused.
  const written = appProps.typeAnnotation
    ? j(appProps.typeAnnotation as never)
        .find(j.Identifier)
        .nodes()
    : [];
  for (const name of new Set(written.map((identifier) => identifier.name))) removeUnusedBinding(j, root, name);
  if (!isTypeScript(file) || !pattern.typeAnnotation) return;
  if (declared) {
    pattern.typeAnnotation.typeAnnotation = j.tsIntersectionType([pattern.typeAnnotation.typeAnnotation, declared as never]);
    return;
  }
  const local = freeName(j, root, LOADED_TYPE);
  pattern.typeAnnotation.typeAnnotation = j.tsIntersectionType([
    pattern.typeAnnotation.typeAnnotation,
    j.tsTypeReference(j.identifier(local)),
  ]);
  const specifier = j.importSpecifier(j.identifier(LOADED_TYPE), local === LOADED_TYPE ? null : j.identifier(local));
  const declaration = j.importDeclaration([specifier], j.stringLiteral(module)) as Node;
  declaration.importKind = 'type';
  const imports = root.find(j.ImportDeclaration);
  if (imports.length > 0) imports.at(imports.length - 1).insertAfter(declaration);
  else (root.find(j.Program).get().node as Node).body.unshift(declaration);
}
