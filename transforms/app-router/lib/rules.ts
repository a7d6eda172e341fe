import type { ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';

/** A syntax node read field by field: the rules walk Babel's tree shapes, which jscodeshift's `Node` type does not describe. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = any;
import { addImport, addTodo, addTodoAbove, removeUnusedBinding, sourceTree } from '../../../src/engine/codemod.ts';
import { sourceStyle } from '../../../src/engine/print-style.ts';
import { routeParams } from '../../../src/analysis/next-routes.ts';

/** What every App Router rule declares besides its jscodeshift function. */
export interface RuleMeta {
  id: string;
  title: string;
  /** done: converted; partial: converted, with `TODO(shipshape)` comments for what is left. */
  coverage: 'done' | 'partial';
  description: string;
}

/** Options the migration passes to every rule. */
export interface RuleOptions {
  /** The route the file serves, e.g. `/blog/[slug]`. */
  route?: string;
  [key: string]: unknown;
}

export const isTypeScript = (file: string): boolean => /\.(tsx?|mts|cts)$/.test(file);

/** Puts code after the module's imports (and directives), as written, a blank line apart, with the file's line ending. */
export function insertAfterImports(j: JSCodeshift, source: string, code: string): string {
  const program = sourceTree(j, source).find(j.Program).get().node as {
    body: Array<{ type: string; end?: number }>;
    directives?: Array<{ end?: number }>;
  };
  const imports = program.body.filter((node) => node.type === 'ImportDeclaration');
  const eol = sourceStyle(source).lineEnding;
  const lines = code.replace(/\r?\n/g, eol);
  const bom = source.startsWith('\ufeff') ? 1 : 0;
  const end = imports.at(-1)?.end ?? program.directives?.at(-1)?.end ?? bom;
  if (end === bom) return `${source.slice(0, bom)}${lines}${eol}${eol}${source.slice(bom)}`;
  const rest = source.slice(end).replace(/^(\r?\n)+/, '');
  return `${source.slice(0, end)}${eol}${eol}${lines}${eol}${eol}${rest}`;
}

/** Statements from a snippet, without source positions: recast lays them out itself, one per line. */
export function freshStatements(j: JSCodeshift, code: string): AstNode[] {
  const strip = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(strip);
    const record = node as Record<string, unknown>;
    for (const key of ['loc', 'start', 'end', 'original']) if (key in record) record[key] = null;
    for (const [key, value] of Object.entries(record)) if (key !== 'comments' && typeof value === 'object') strip(value);
  };
  const body = statements(j, code);
  strip(body);
  return body;
}

/** Parses a snippet of module code into statements. */
export function statements(j: JSCodeshift, code: string): AstNode[] {
  return j(code).find(j.Program).get().node.body;
}

/** Identifiers that refer to a binding: not property names, object keys or member properties. */
export function references(j: JSCodeshift, root: Collection, name: string): Collection<Identifier> {
  return root.find(j.Identifier, { name }).filter((p: ASTPath<Identifier>) => {
    const parent = p.parent?.node;
    if (!parent) return true;
    if (
      (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
      parent.property === p.node &&
      !parent.computed
    )
      return false;
    if (
      (parent.type === 'ObjectProperty' ||
        parent.type === 'ObjectMethod' ||
        parent.type === 'ClassProperty' ||
        parent.type === 'ClassMethod') &&
      parent.key === p.node &&
      !parent.computed
    ) {
      // `{ x }` shorthand refers to x through its value.
      return parent.type === 'ObjectProperty' && parent.shorthand && parent.value === p.node;
    }
    if (parent.type === 'JSXAttribute') return false;
    if (parent.type === 'TSPropertySignature' && parent.key === p.node) return false;
    if ((parent.type === 'ImportSpecifier' || parent.type === 'ExportSpecifier') && parent.imported === p.node && parent.local !== p.node)
      return false;
    return true;
  });
}

export function rename(j: JSCodeshift, root: Collection, from: string, to: string): void {
  references(j, root, from).forEach((p: ASTPath<Identifier>) => {
    const parent = p.parent?.node;
    if (parent?.type === 'ObjectProperty' && parent.shorthand) {
      parent.shorthand = false;
      parent.value = j.identifier(to);
      return;
    }
    p.node.name = to;
  });
}

export function isBound(j: JSCodeshift, root: Collection, name: string): boolean {
  return references(j, root, name).length > 0;
}

/** A name not yet used in the module: `base`, then `base2`, … */
export function freeName(j: JSCodeshift, root: Collection, base: string): string {
  let name = base;
  for (let i = 2; isBound(j, root, name); i++) name = `${base}${i}`;
  return name;
}

/** The TypeScript type of a route's params object: `{ slug: string; rest?: string[] }`. */
export function paramsTypeOf(route: string): string {
  const params = routeParams(route);
  if (params.length === 0) return '{}';
  return `{ ${params.map((p) => (p.kind === 'dynamic' ? `${p.name}: string` : p.kind === 'catch-all' ? `${p.name}: string[]` : `${p.name}?: string[]`)).join('; ')} }`;
}

export const SEARCH_PARAMS_TYPE = 'Record<string, string | string[] | undefined>';

export interface DefaultExport {
  /** The component's name once the default export is detached from it. */
  name: string;
  path: ASTPath;
}

/**
 * Detaches the module's default export from the component it names, so a new default export can
 * wrap it: `export default function Post()` becomes `function Post()`, `export default Post` goes.
 */
export function detachDefaultExport(j: JSCodeshift, root: Collection, fallbackName: string): DefaultExport | null {
  const found = root.find(j.ExportDefaultDeclaration);
  if (found.length !== 1) return null;
  const path = found.paths()[0]!;
  const declaration = path.node.declaration as AstNode & { id?: Identifier | null; type: string };
  if (declaration.type === 'Identifier') {
    const name = (declaration as unknown as Identifier).name;
    j(path).remove();
    return { name, path };
  }
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
    if (!declaration.id) declaration.id = j.identifier(freeName(j, root, fallbackName));
    const name = declaration.id.name;
    j(path).replaceWith(declaration);
    return { name, path };
  }
  if (
    declaration.type === 'ArrowFunctionExpression' ||
    declaration.type === 'FunctionExpression' ||
    declaration.type === 'CallExpression'
  ) {
    const name = freeName(j, root, fallbackName);
    j(path).replaceWith(j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), declaration as never)]));
    return { name, path };
  }
  return null;
}

/** Drops the imports of these names when nothing refers to them any more. */
export function dropUnused(j: JSCodeshift, root: Collection, names: readonly string[]): void {
  for (const name of names) removeUnusedBinding(j, root, name);
}

/** Replaces a node with the same code reprinted from text, so recast lays it out as written, on one line where it fits. */
export function reparseExpression(j: JSCodeshift, code: string): AstNode {
  const statement = statements(j, `(${code});`)[0] as unknown as { expression: AstNode & { extra?: { parenthesized?: boolean } } };
  if (statement.expression.extra) statement.expression.extra.parenthesized = false;
  return statement.expression;
}

/** A copy of a function parameter with a type annotation, laid out as written. */
export function typedParam(j: JSCodeshift, param: AstNode, type: string): AstNode {
  const withoutType = { ...param, typeAnnotation: null } as AstNode;
  const text = j(withoutType as never)
    .toSource()
    .replace(/\s*\n\s*/g, ' ');
  const fn = statements(j, `function f(${text}: ${type}) {}`)[0] as unknown as { params: AstNode[] };
  return fn.params[0]!;
}

/** The top-level statement holding a path. */
export function topLevel(path: ASTPath): ASTPath {
  let current = path;
  while (current.parent && current.parent.node.type !== 'Program') current = current.parent;
  return current;
}

/** A `'use client'` (or other) directive at the top of the module. */
export function hasDirective(j: JSCodeshift, root: Collection, value: string): boolean {
  const program = root.find(j.Program).get().node as { directives?: Array<{ value: { value: string } }>; body: AstNode[] };
  if (program.directives?.some((d) => d.value.value === value)) return true;
  const first = program.body[0] as { type: string; expression?: { type: string; value?: string }; directive?: string } | undefined;
  return (
    first?.type === 'ExpressionStatement' &&
    (first.directive === value || (first.expression?.type === 'StringLiteral' && first.expression.value === value))
  );
}

/** The module with `'use client'` on top (after a byte order mark), in the file's own quotes, semicolons and line ending; the rest as it was. */
export function withUseClient(source: string): string {
  const style = sourceStyle(source);
  const bom = source.startsWith('\ufeff') ? '\ufeff' : '';
  const quote = style.quote === 'double' ? '"' : "'";
  return `${bom}${quote}use client${quote}${style.semicolons ? ';' : ''}${style.lineEnding}${style.lineEnding}${source.slice(bom.length).replace(/^\s*\n/, '')}`;
}

export interface DataFunction {
  /** The statement declaring it, top level. */
  statement: ASTPath;
  /** The function node itself. */
  fn: AstNode & { params: AstNode[]; body: AstNode; async?: boolean };
}

/** `export async function name(…)` or `export const name = async (…) => …` (with a type annotation, `satisfies` or `as`). */
export function findDataFunction(j: JSCodeshift, root: Collection, name: string): DataFunction | null {
  const declaration = root
    .find(j.FunctionDeclaration, { id: { name } })
    .filter((p: ASTPath) => topLevel(p) === p || topLevel(p) === p.parent);
  if (declaration.length > 0) {
    const p = declaration.paths()[0]!;
    return { statement: topLevel(p), fn: p.node as DataFunction['fn'] };
  }
  const declarator = root.find(j.VariableDeclarator, { id: { name } }).paths()[0];
  if (!declarator) return null;
  let init = declarator.node.init as AstNode & { expression?: AstNode; type: string };
  while (init && (init.type === 'TSSatisfiesExpression' || init.type === 'TSAsExpression' || init.type === 'ParenthesizedExpression'))
    init = init.expression as typeof init;
  if (!init || (init.type !== 'ArrowFunctionExpression' && init.type !== 'FunctionExpression')) return null;
  // The Pages Router type no longer applies: the function becomes a plain helper.
  declarator.node.init = init as never;
  (declarator.node.id as { typeAnnotation?: unknown }).typeAnnotation = null;
  return { statement: topLevel(declarator), fn: init as DataFunction['fn'] };
}

/** Removes `export` from a top-level declaration. */
export function unexport(j: JSCodeshift, statement: ASTPath): void {
  if (statement.node.type === 'ExportNamedDeclaration' && (statement.node as { declaration?: AstNode }).declaration) {
    const declaration = (statement.node as { declaration: AstNode }).declaration;
    const comments = (statement.node as { comments?: unknown[] }).comments;
    j(statement).replaceWith(Object.assign(declaration, comments ? { comments } : {}));
  }
}

/** The `return` statements of a function, not those of functions nested in it. */
export function ownReturns(j: JSCodeshift, fn: AstNode): Array<ASTPath & { node: { argument: AstNode | null } }> {
  return j(fn as never)
    .find(j.ReturnStatement)
    .filter((p: ASTPath) => {
      for (let current = p.parent as ASTPath | null; current; current = current.parent as ASTPath | null) {
        if (current.node === fn) return true;
        if (/Function|ObjectMethod|ClassMethod/.test(current.node.type)) return false;
      }
      return false;
    })
    .paths() as never;
}

export function objectProperty(object: AstNode, key: string): (AstNode & { value: AstNode; key: AstNode }) | null {
  if (object.type !== 'ObjectExpression') return null;
  for (const property of (
    object as unknown as { properties: Array<AstNode & { key?: AstNode & { name?: string; value?: string }; value: AstNode }> }
  ).properties) {
    if (property.type !== 'ObjectProperty' || !property.key) continue;
    if (
      (property.key.type === 'Identifier' && property.key.name === key) ||
      (property.key.type === 'StringLiteral' && property.key.value === key)
    )
      return property as never;
  }
  return null;
}

export function literalValue(node: AstNode | undefined | null): string | number | boolean | null | undefined {
  if (!node) return undefined;
  if (node.type === 'NumericLiteral' || node.type === 'StringLiteral' || node.type === 'BooleanLiteral')
    return (node as unknown as { value: string | number | boolean }).value;
  if (
    node.type === 'UnaryExpression' &&
    (node as { operator?: string }).operator === '-' &&
    (node as { argument: AstNode }).argument.type === 'NumericLiteral'
  ) {
    return -(node as unknown as { argument: { value: number } }).argument.value;
  }
  return undefined;
}

/**
 * Reads of the request in a data function become the App Router's request APIs, awaited:
 * `req.headers.x` / `req.headers['x']` → `(await headers()).get('x')`, `req.cookies.x` → `(await cookies()).get('x')?.value`; a computed `req.cookies[name]` passes `name`.
 * Returns what it could not convert.
 */
export function rewriteRequestReads(j: JSCodeshift, root: Collection, fn: DataFunction['fn']): { headers: boolean; cookies: boolean } {
  const used = { headers: false, cookies: false };
  const scope = j(fn as never);
  const requestNames = new Set<string>();
  const contextNames = new Set<string>();
  const [param] = fn.params;
  if (param?.type === 'Identifier') contextNames.add((param as unknown as Identifier).name);
  if (param?.type === 'ObjectPattern') {
    for (const property of (param as unknown as { properties: Array<AstNode & { key?: Identifier; value?: AstNode }> }).properties) {
      if (property.type === 'ObjectProperty' && property.key?.name === 'req' && property.value?.type === 'Identifier')
        requestNames.add((property.value as Identifier).name);
    }
  }
  const isRequest = (node: AstNode): boolean =>
    (node.type === 'Identifier' && requestNames.has((node as Identifier).name)) ||
    (node.type === 'MemberExpression' &&
      (node as { object: AstNode }).object.type === 'Identifier' &&
      contextNames.has((node as { object: Identifier }).object.name) &&
      memberKey(node) === 'req');
  scope.find(j.MemberExpression).forEach((p: ASTPath) => {
    const outer = p.node as AstNode & { object: AstNode; property: AstNode; computed: boolean };
    const inner = outer.object as AstNode & { object?: AstNode };
    if (inner.type !== 'MemberExpression' || !isRequest(inner.object!)) return;
    const kind = memberKey(inner);
    const key = memberKey(outer);
    if ((kind !== 'headers' && kind !== 'cookies') || (key === null && !outer.computed)) return;
    used[kind] = true;
    const call = j.awaitExpression(j.callExpression(j.identifier(kind), []));
    // A computed name is passed as it is: `headers().get` ignores case, as Node's lower-cased `req.headers` did.
    const name = key === null ? outer.property : j.stringLiteral(kind === 'headers' ? key.toLowerCase() : key);
    const get = j.callExpression(j.memberExpression(call, j.identifier('get')), [name]);
    j(p).replaceWith(kind === 'headers' ? get : j.optionalMemberExpression(get, j.identifier('value')));
  });
  if (used.headers) addImport(j, root, 'next/headers', 'headers', 'headers');
  if (used.cookies) addImport(j, root, 'next/headers', 'cookies', 'cookies');
  if (used.headers || used.cookies) fn.async = true;
  // The destructured `req` may now be unused.
  if (param?.type === 'ObjectPattern') {
    const pattern = param as unknown as { properties: Array<AstNode & { key?: Identifier; value?: AstNode }> };
    pattern.properties = pattern.properties.filter((property) => {
      if (property.type !== 'ObjectProperty' || property.key?.name !== 'req' || property.value?.type !== 'Identifier') return true;
      return references(j, scope, (property.value as Identifier).name).length > 1;
    });
  }
  return used;
}

/** The static name of a member access: `a.b` and `a['b']` → `b`. */
export function memberKey(node: AstNode): string | null {
  const member = node as { property: AstNode & { name?: string; value?: string }; computed?: boolean };
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  if (!member.computed && member.property.type === 'Identifier') return member.property.name!;
  if (member.property.type === 'StringLiteral') return member.property.value!;
  return null;
}

/** Names the data function reads from its context that the App Router cannot give it. */
export function unsupportedContext(j: JSCodeshift, fn: DataFunction['fn'], supported: readonly string[]): string[] {
  const [param] = fn.params;
  const found = new Set<string>();
  if (param?.type === 'ObjectPattern') {
    for (const property of (param as unknown as { properties: Array<AstNode & { key?: Identifier }> }).properties) {
      if (property.type === 'RestElement') found.add('...rest');
      else if (property.key?.name && !supported.includes(property.key.name)) found.add(property.key.name);
    }
  } else if (param?.type === 'Identifier') {
    const name = (param as unknown as Identifier).name;
    j(fn.body as never)
      .find(j.Identifier, { name })
      .forEach((p: ASTPath) => {
        const parent = p.parent.node;
        if (parent.type === 'MemberExpression' && parent.object === p.node) {
          const key = memberKey(parent);
          if (key && !supported.includes(key)) found.add(key);
        } else if (parent.type !== 'MemberExpression') {
          found.add(name);
        }
      });
  }
  return [...found];
}

const NEXT_DATA_TYPES = [
  'GetServerSideProps',
  'GetServerSidePropsContext',
  'GetStaticProps',
  'GetStaticPropsContext',
  'GetStaticPaths',
  'GetStaticPathsContext',
  'GetStaticPathsResult',
];

export type DataKind = 'getServerSideProps' | 'getStaticProps';

const CONTEXT_HELP: Record<string, string> = {
  res: 'the response object is gone: set headers and cookies in middleware or a route handler',
  resolvedUrl: 'read the path with `headers()` in middleware, or pass it down as a param',
  locale: 'there is no built-in i18n: read the locale from a `[lang]` segment',
  locales: 'there is no built-in i18n: list the locales yourself',
  defaultLocale: 'there is no built-in i18n: keep the default locale in your config',
  preview: 'preview mode is Draft Mode: `(await draftMode()).isEnabled` from `next/headers`',
  previewData: 'preview data has no App Router equivalent: use Draft Mode and cookies',
  draftMode: 'use `(await draftMode()).isEnabled` from `next/headers`',
  req: 'only `req.headers.x` and `req.cookies.x` (or `[name]`) are converted: read the rest with `headers()`/`cookies()`',
};

/**
 * Writes to `res` in getServerSideProps: a literal `Cache-Control` with `s-maxage=N` becomes the page's
 * `revalidate`; `no-store`/`private`/`max-age=0` are what a dynamic page does anyway. Any other write
 * goes, quoted in a TODO, so nothing refers to a response that no longer exists.
 */
export function rewriteResponseWrites(j: JSCodeshift, data: DataFunction): { revalidate: number | null } {
  const { fn } = data;
  const [param] = fn.params;
  let responseName: string | null = null;
  let contextName: string | null = null;
  if (param?.type === 'Identifier') contextName = param.name;
  if (param?.type === 'ObjectPattern') {
    param.properties = (param.properties as AstNode[]).filter((property) => {
      if (property.type !== 'ObjectProperty' || property.key?.name !== 'res' || property.value?.type !== 'Identifier') return true;
      responseName = property.value.name;
      return false;
    });
  }
  const isResponse = (node: AstNode): boolean =>
    (node.type === 'Identifier' && node.name === responseName) ||
    (contextName !== null &&
      node.type === 'MemberExpression' &&
      node.object.type === 'Identifier' &&
      node.object.name === contextName &&
      memberKey(node) === 'res');
  let revalidate: number | null = null;
  const handled = new Set<AstNode>();
  j(fn.body as never)
    .find(j.Node)
    .filter(
      (p: ASTPath<AstNode>) =>
        isResponse(p.node) && !(p.parent?.node.type === 'MemberExpression' && p.parent.node.property === p.node && !p.parent.node.computed),
    )
    .forEach((p: ASTPath<AstNode>) => {
      const statement = j(p).closest(j.Statement).paths()[0] as ASTPath | undefined;
      if (!statement || handled.has(statement.node)) return;
      handled.add(statement.node);
      const expression = (statement.node as AstNode).expression;
      const [header, value] =
        expression?.type === 'CallExpression' && memberKey(expression.callee) === 'setHeader' && isResponse(expression.callee.object)
          ? expression.arguments
          : [];
      const cacheControl =
        header?.type === 'StringLiteral' && header.value.toLowerCase() === 'cache-control' && value?.type === 'StringLiteral'
          ? (value.value as string).toLowerCase()
          : null;
      const maxAge = cacheControl ? /(?:^|,)\s*s-maxage=(\d+)/.exec(cacheControl) : null;
      const siblings = statement.parentPath?.value;
      if (!Array.isArray(siblings)) return;
      if (maxAge) revalidate = Number(maxAge[1]);
      const known = maxAge !== null || (cacheControl !== null && /no-store|no-cache|private|max-age=0\b/.test(cacheControl));
      const code = j(statement.node as never)
        .toSource()
        .replace(/\s*\n\s*/g, ' ');
      const index = siblings.indexOf(statement.node);
      j(statement).remove();
      if (known) return;
      const note = `the response object is gone in the App Router: set this header in middleware or \`headers()\` in next.config, or move the write to a route handler: ${code}`;
      const next = siblings[index] as AstNode | undefined;
      if (next) addTodoAbove(j, next, note);
      else addTodo(j, data.statement, note);
    });
  return { revalidate };
}

/**
 * A Pages Router page with a data function becomes an async server page: the function stays, renamed,
 * and a new default export awaits `params`/`searchParams`, calls it, turns `notFound`/`redirect`
 * results into `notFound()`/`redirect()`, and renders the page component with the props.
 */
export function convertDataPage(
  j: JSCodeshift,
  root: Collection,
  file: string,
  options: RuleOptions,
  kind: DataKind,
  needsClient: (component: AstNode) => boolean = () => false,
): boolean {
  // `: GetStaticProps` without a type argument typed the props as `any`; the page keeps that looseness.
  const looselyTyped = new RegExp(`\\b${kind}\\s*:\\s*(GetStaticProps|GetServerSideProps)\\s*=`).test(j(root.get().node).toSource());
  const data = findDataFunction(j, root, kind);
  if (!data) return false;
  const typescript = isTypeScript(file);
  const route = options.route ?? '/';
  const hasRouteParams = routeParams(route).length > 0;
  const { fn } = data;

  const caching = kind === 'getServerSideProps' ? rewriteResponseWrites(j, data) : { revalidate: null };
  if (kind === 'getServerSideProps') rewriteRequestReads(j, root, fn);
  const supported = kind === 'getServerSideProps' ? ['params', 'query'] : ['params'];
  // A destructured context that leaves out `query` does not need the search params, which would make the page dynamic.
  const contextParam = fn.params[0] as AstNode | undefined;
  const readsQuery =
    kind === 'getServerSideProps' &&
    !(
      contextParam?.type === 'ObjectPattern' &&
      !(contextParam.properties as AstNode[]).some((p) => p.type === 'RestElement' || p.key?.name === 'query')
    );
  const unsupported = unsupportedContext(j, fn, supported);

  let revalidate: number | null = caching.revalidate;
  let notFoundResult = false;
  const redirects: Array<boolean | null> = [];
  const revalidates: Array<unknown> = [];
  for (const ret of ownReturns(j, fn as never)) {
    const argument = ret.node.argument;
    if (!argument) continue;
    if (objectProperty(argument, 'notFound')) notFoundResult = true;
    const redirectProperty = objectProperty(argument, 'redirect');
    if (redirectProperty) {
      const permanent = objectProperty(redirectProperty.value, 'permanent');
      const statusCode = literalValue(objectProperty(redirectProperty.value, 'statusCode')?.value);
      redirects.push(
        permanent
          ? literalValue(permanent.value) === true
            ? true
            : literalValue(permanent.value) === false
              ? false
              : null
          : statusCode === 308 || statusCode === 301
            ? true
            : false,
      );
    }
    const revalidateProperty = objectProperty(argument, 'revalidate');
    if (revalidateProperty) revalidates.push(literalValue(revalidateProperty.value));
  }
  if (kind === 'getStaticProps' && revalidates.length > 0) {
    const values = new Set(revalidates);
    const [value] = values;
    if (values.size === 1 && (typeof value === 'number' || value === false)) {
      revalidate = typeof value === 'number' ? value : null;
      for (const ret of ownReturns(j, fn as never)) {
        const argument = ret.node.argument as (AstNode & { properties?: AstNode[] }) | null;
        const property = argument && objectProperty(argument, 'revalidate');
        if (argument && property) {
          const kept = argument.properties!.filter((p: AstNode) => p !== property).map((p: AstNode) => j(p as never).toSource());
          ret.node.argument = reparseExpression(j, `{ ${kept.join(', ')} }`);
        }
      }
    } else {
      addTodo(
        j,
        data.statement,
        '`revalidate` differs between results or is computed: set `export const revalidate = <seconds>` (a literal) or `fetch(url, { next: { revalidate } })`',
      );
    }
  }

  const page = pageComponent(j, root);
  const exported = root.find(j.ExportDefaultDeclaration).nodes()[0]?.declaration as AstNode | undefined;
  const componentName: string = page?.name ?? exported?.id?.name ?? (exported?.type === 'Identifier' ? exported.name : 'Page');
  const dataName = freeName(j, root, `load${componentName[0]!.toUpperCase()}${componentName.slice(1)}Data`);
  rename(j, root, kind, dataName);
  unexport(j, data.statement);
  for (const name of unsupported) {
    addTodo(j, data.statement, `\`${name}\` from the ${kind} context: ${CONTEXT_HELP[name] ?? 'it has no App Router equivalent'}`);
  }

  const usesContext = fn.params.length > 0;
  if (usesContext && typescript) {
    const param = fn.params[0] as AstNode & { typeAnnotation?: { typeAnnotation?: AstNode & { typeName?: Identifier } } | null };
    const annotated = param.typeAnnotation?.typeAnnotation;
    const nextType = annotated?.type === 'TSTypeReference' && annotated.typeName && NEXT_DATA_TYPES.includes(annotated.typeName.name);
    if (!annotated || nextType) {
      const contextType = readsQuery
        ? `{ params: ${paramsTypeOf(route)}; query: ${SEARCH_PARAMS_TYPE} }`
        : `{ params: ${paramsTypeOf(route)} }`;
      fn.params[0] = typedParam(j, param, contextType);
    }
  }

  const wrapperParams: string[] = [];
  const wrapperTypes: string[] = [];
  if (usesContext && hasRouteParams) {
    wrapperParams.push('params');
    wrapperTypes.push(`params: Promise<${paramsTypeOf(route)}>`);
  }
  if (usesContext && readsQuery) {
    wrapperParams.push('searchParams');
    wrapperTypes.push(`searchParams: Promise<${SEARCH_PARAMS_TYPE}>`);
  }
  const paramsValue = hasRouteParams ? 'await params' : '{}';
  const args = !usesContext
    ? ''
    : readsQuery
      ? `{ params: ${paramsValue}, query: { ...(await searchParams)${hasRouteParams ? ', ...(await params)' : ''} } }`
      : `{ params: ${paramsValue} }`;
  const signature =
    wrapperParams.length === 0 ? '' : `{ ${wrapperParams.join(', ')} }${typescript ? `: { ${wrapperTypes.join('; ')} }` : ''}`;
  const redirectCall = redirects.length > 0 && redirects.every((permanent) => permanent === true) ? 'permanentRedirect' : 'redirect';
  const program = root.find(j.Program).get().node as { body: AstNode[] };
  const index = program.body.indexOf(data.statement.node);
  if (revalidate !== null) program.body.splice(index + 1, 0, ...statements(j, `export const revalidate = ${revalidate};`));
  // getServerSideProps ran on every request; an App Router page without request data would be prerendered once.
  if (kind === 'getServerSideProps' && caching.revalidate === null)
    program.body.splice(index + 1, 0, ...statements(j, `export const dynamic = 'force-dynamic';`));
  const addNavigationImports = (used: { notFound: boolean; redirect: boolean }) => {
    if (used.notFound) addImport(j, root, 'next/navigation', 'notFound', 'notFound');
    if (used.redirect) addImport(j, root, 'next/navigation', redirectCall, redirectCall);
  };
  if (redirects.some((permanent) => permanent === null))
    addTodo(j, data.statement, '`redirect.permanent` is computed: call `permanentRedirect()` where it is true');

  const direct = returnsConvertible(j, fn);
  if (direct) {
    addNavigationImports(returnPropsDirectly(j, fn, redirectCall));
    retypeInferredProps(j, root, dataName);
    const reused = new Set(wrapperParams);
    const canBecomePage =
      page !== null &&
      !page.referencedElsewhere &&
      !needsClient(page.fn) &&
      page.fn.params.length <= 1 &&
      !page.fn.generator &&
      ![...reused].some((name) => references(j, j(page.fn as never), name).length > 0);
    if (canBecomePage) {
      awaitDataInComponent(j, page, dataName, args, signature, looselyTyped);
    } else {
      const detached = detachDefaultExport(j, root, 'PageContent');
      if (!detached) {
        addTodo(j, data.statement, 'no single default export to render: call this function from the page component and pass its props');
        dropUnused(j, root, NEXT_DATA_TYPES);
        return true;
      }
      const wrapper = ['Page', 'RoutePage'].find((name) => !isBound(j, root, name)) ?? freeName(j, root, 'RoutePage');
      const propsName = 'props';
      const spread = looselyTyped && typescript ? `(${propsName} as unknown as React.ComponentProps<typeof ${detached.name}>)` : propsName;
      const code = `export default async function ${wrapper}(${signature}) {\n  const ${propsName} = await ${dataName}(${args});\n  return <${detached.name} {...${spread}} />;\n}`;
      program.body.push(...statements(j, code));
    }
    dropUnused(j, root, NEXT_DATA_TYPES);
    return true;
  }

  const detached = detachDefaultExport(j, root, 'PageContent');
  if (!detached) {
    addTodo(j, data.statement, 'no single default export to render: call this function from the page component and pass its props');
    dropUnused(j, root, NEXT_DATA_TYPES);
    return true;
  }
  const component = detached.name;
  const wrapper = ['Page', 'RoutePage'].find((name) => !isBound(j, root, name)) ?? freeName(j, root, 'RoutePage');
  const body = [
    `const result = await ${dataName}(${args});`,
    ...(notFoundResult || redirects.length > 0
      ? [
          `if (!('props' in result) || !result.props) {`,
          ...(redirects.length > 0 ? [`  if ('redirect' in result && result.redirect) ${redirectCall}(result.redirect.destination);`] : []),
          '  notFound();',
          '}',
        ]
      : []),
    looselyTyped && typescript
      ? `return <${component} {...(result.props as unknown as React.ComponentProps<typeof ${component}>)} />;`
      : `return <${component} {...result.props} />;`,
  ].filter(Boolean);
  const code = `export default async function ${wrapper}(${signature}) {\n${body.map((line) => `  ${line}`).join('\n')}\n}`;
  program.body.push(...statements(j, code));
  addNavigationImports({ notFound: notFoundResult || redirects.length > 0, redirect: redirects.length > 0 });
  dropUnused(j, root, NEXT_DATA_TYPES);
  return true;
}

interface PageComponent {
  name: string;
  /** The component function: a declaration, or the arrow or function expression a `const` holds. */
  fn: AstNode & { params: AstNode[]; body: AstNode; async?: boolean; generator?: boolean };
  /** The `const` declarator holding an expression component. */
  declarator: AstNode | null;
  /** Whether anything but its declaration and the default export names it (`Page.getLayout = …`, a HOC). */
  referencedElsewhere: boolean;
}

/** The function component the module's default export is, when it is one declared in the module. */
export function pageComponent(j: JSCodeshift, root: Collection): PageComponent | null {
  const found = root.find(j.ExportDefaultDeclaration);
  if (found.length !== 1) return null;
  const declaration = found.paths()[0]!.node.declaration as AstNode;
  const program = root.find(j.Program).get().node as { body: AstNode[] };
  let fn: AstNode | null = null;
  let declarator: AstNode | null = null;
  let name = 'Page';
  if (declaration.type === 'FunctionDeclaration') {
    fn = declaration;
    name = declaration.id?.name ?? 'Page';
  } else if (declaration.type === 'Identifier') {
    name = declaration.name;
    for (const statement of program.body) {
      if (statement.type === 'FunctionDeclaration' && statement.id?.name === name) fn = statement;
      if (
        statement.type === 'VariableDeclaration' &&
        statement.declarations.length === 1 &&
        statement.declarations[0].id.type === 'Identifier' &&
        statement.declarations[0].id.name === name
      ) {
        const init = statement.declarations[0].init;
        if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
          fn = init;
          declarator = statement.declarations[0];
        }
      }
    }
  }
  if (!fn) return null;
  const own = new Set<unknown>([fn.id, declarator?.id, declaration]);
  const referencedElsewhere = references(j, root, name).filter((p: ASTPath<Identifier>) => !own.has(p.node)).length > 0;
  return { name, fn, declarator, referencedElsewhere };
}

/** Whether every result of the data function is `{ props }`, `{ notFound: true }` or `{ redirect }`, so it can return the props themselves. */
function returnsConvertible(j: JSCodeshift, fn: DataFunction['fn']): boolean {
  const results = fn.body.type === 'BlockStatement' ? ownReturns(j, fn).map((ret) => ret.node.argument) : [fn.body];
  if (results.length === 0) return false;
  return results.every((result) => {
    if (result?.type !== 'ObjectExpression') return false;
    const keys = (result.properties as AstNode[]).map((property) =>
      property.type === 'ObjectProperty' ? (property.key.name ?? property.key.value) : null,
    );
    if (keys.length !== 1) return false;
    if (keys[0] === 'props') return true;
    if (keys[0] === 'notFound') return literalValue(objectProperty(result, 'notFound')!.value) === true;
    if (keys[0] === 'redirect') return objectProperty(objectProperty(result, 'redirect')!.value, 'destination') !== null;
    return false;
  });
}

/** `return { props: P }` → `return P`; `return { notFound: true }` → `notFound()`; `return { redirect }` → `redirect(destination)`. */
function returnPropsDirectly(j: JSCodeshift, fn: DataFunction['fn'], redirectCall: string): { notFound: boolean; redirect: boolean } {
  const used = { notFound: false, redirect: false };
  const convert = (result: AstNode): { expression: AstNode; returns: boolean } => {
    const props = objectProperty(result, 'props');
    if (props) return { expression: props.value, returns: true };
    if (objectProperty(result, 'notFound')) {
      used.notFound = true;
      return { expression: j.callExpression(j.identifier('notFound'), []), returns: false };
    }
    used.redirect = true;
    const destination = objectProperty(objectProperty(result, 'redirect')!.value, 'destination')!.value;
    return { expression: j.callExpression(j.identifier(redirectCall), [destination]), returns: false };
  };
  if (fn.body.type !== 'BlockStatement') {
    const { expression, returns } = convert(fn.body);
    fn.body = returns
      ? expression.type === 'ObjectExpression'
        ? j.blockStatement([j.returnStatement(expression)])
        : expression
      : j.blockStatement([j.expressionStatement(expression)]);
    return used;
  }
  for (const ret of ownReturns(j, fn)) {
    const { expression, returns } = convert(ret.node.argument);
    // `if (!post) return notFound();` keeps its one line; recast would break a bare statement onto the next.
    if (returns || !Array.isArray((ret as ASTPath).parentPath?.value)) {
      ret.node.argument = expression;
      continue;
    }
    const node = ret.node as AstNode;
    node.type = 'ExpressionStatement';
    node.expression = expression;
    delete node.argument;
  }
  return used;
}

/** `InferGetStaticPropsType<typeof getX>` described the Pages Router result: the props are now what the function resolves to. */
function retypeInferredProps(j: JSCodeshift, root: Collection, dataName: string): void {
  root
    .find(j.TSTypeReference)
    .filter((p: ASTPath) => /^InferGet(StaticProps|ServerSideProps)Type$/.test((p.node as AstNode).typeName?.name ?? ''))
    .forEach((p: ASTPath) => {
      const [argument] = ((p.node as AstNode).typeParameters?.params ?? []) as AstNode[];
      const target = argument?.type === 'TSTypeQuery' && argument.exprName?.type === 'Identifier' ? argument.exprName.name : dataName;
      j(p).replaceWith((statements(j, `type T = Awaited<ReturnType<typeof ${target}>>;`)[0] as AstNode).typeAnnotation);
    });
  dropUnused(j, root, ['InferGetStaticPropsType', 'InferGetServerSidePropsType']);
}

/**
 * The page component becomes the async server page: it takes the route's `params`/`searchParams`,
 * awaits the data function, and destructures the props where its parameter did.
 */
function awaitDataInComponent(
  j: JSCodeshift,
  page: PageComponent,
  dataName: string,
  args: string,
  signature: string,
  looselyTyped: boolean,
): void {
  const { fn, declarator } = page;
  const [propsParam] = fn.params as Array<AstNode | undefined>;
  // `NextPage<Props>` (or `FC<Props>`) typed a synchronous component: its props type moves to the destructuring.
  const componentType = declarator?.id.typeAnnotation?.typeAnnotation as AstNode | undefined;
  const propsTypeFromComponent =
    componentType?.type === 'TSTypeReference' ? ((componentType.typeParameters?.params ?? [])[0] as AstNode | undefined) : undefined;
  if (declarator) declarator.id.typeAnnotation = null;
  const call = `await ${dataName}(${args})`;
  let declaration = `${call};`;
  if (propsParam) {
    const target = propsParam.type === 'AssignmentPattern' ? propsParam.left : propsParam;
    const print = (node: AstNode) =>
      j(node as never)
        .toSource()
        .replace(/\s*\n\s*/g, ' ');
    const pattern = print({ ...target, typeAnnotation: null });
    const declared = target.typeAnnotation?.typeAnnotation as AstNode | undefined;
    const inferred = declared && print(declared) === `Awaited<ReturnType<typeof ${dataName}>>`;
    const type = looselyTyped || inferred ? null : (declared ?? propsTypeFromComponent);
    declaration = `const ${pattern}${type ? `: ${print(type)}` : ''} = ${call};`;
  }
  const holder = statements(j, `async function f(${signature}) {\n  ${declaration}\n}`)[0] as AstNode;
  const statementsToAdd: AstNode[] = holder.body.body;
  fn.params = holder.params;
  fn.async = true;
  if (fn.body.type !== 'BlockStatement') fn.body = j.blockStatement([j.returnStatement(fn.body)]);
  fn.body.body.unshift(...statementsToAdd);
}
