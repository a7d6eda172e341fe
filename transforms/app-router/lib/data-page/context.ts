import type { ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';
import { memberKey, references, type AstNode, type DataFunction } from '../rules.ts';
import { addImport, addTodo, addTodoAbove } from '../../../../src/engine/codemod.ts';

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

export const NEXT_DATA_TYPES = [
  'GetServerSideProps',
  'GetServerSidePropsContext',
  'GetStaticProps',
  'GetStaticPropsContext',
  'GetStaticPaths',
  'GetStaticPathsContext',
  'GetStaticPathsResult',
];

export type DataKind = 'getServerSideProps' | 'getStaticProps';

export const CONTEXT_HELP: Record<string, string> = {
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
