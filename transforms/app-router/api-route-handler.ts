import type { API, ASTPath, Collection, FileInfo, Identifier, JSCodeshift } from 'jscodeshift';
import {
  freeName,
  isBound,
  isTypeScript,
  memberKey,
  paramsTypeOf,
  type RuleMeta,
  type RuleOptions,
  type AstNode as Node,
} from './lib/rules.ts';
import { routeParams } from '../../src/analysis/next-routes.ts';
import { lineEndingOf, printSource } from '../../src/engine/print-style.ts';
import { convertEdgeRoute } from './lib/api-route/edge.ts';
import {
  METHODS,
  chainRoot,
  methodGroups,
  methodList,
  isMethodRead,
  moved,
  respondsWith405,
  splitByMethod,
  unwrap,
  type Reader,
} from './lib/api-route/methods.ts';
import { convertBody } from './lib/api-route/convert-body.ts';
import type { Names } from './lib/api-route/responses.ts';
import { addImport, addTypeImport, addTodo, sourceTree, todoNote } from '../../src/engine/codemod.ts';

export const meta: RuleMeta = {
  id: 'api-route-handler',
  title: 'API routes → route handlers',
  coverage: 'partial',
  description:
    "A handler exported with `export default`, `module.exports` or `exports.default` becomes one export per HTTP method it accepts, read from its `req.method` checks (`if`/`else if`, a `!==` guard, an allow-list such as `['GET', 'POST'].includes(req.method)`, `switch`, or `req.method === 'GET' ? … : …`), each with the code that method runs; a handler that never checks the method answers GET, POST, PUT, PATCH and DELETE, as before, with a TODO saying so, or all but GET when it reads the body (`request.json()` throws on a GET's empty body). An Edge API route (`export const config = { runtime: 'edge' }`, a handler taking the Web `Request`) keeps its handler, exported as each method, with `export const runtime = 'edge'` (and `preferredRegion` from `regions`). Methods it rejected get Next.js's own 405. `req.query` becomes the search params merged with the awaited `params`, `req.body` `await request.json()`, `req.headers.x` `request.headers.get('x')`, `req.cookies.x` `request.cookies.get('x')?.value`; `res.status(n).json(x)` (or `res.statusCode = n`, `res.status(n)` or `res.writeHead(n, headers)` first), `send`, `end` and `redirect` return `NextResponse`s, `res.setHeader`, `appendHeader` and `removeHeader` fill their headers, `res.revalidate` is `revalidatePath`, next-auth's `getServerSession(req, res, options)` is `getServerSession(options)`. A default export wrapped by `withApiAuthRequired` (`@auth0/nextjs-auth0`) or `withAxiom` (`next-axiom`), which take route handlers too, wraps each method: `export const GET = withApiAuthRequired(async function GET(request) { … })`. The names it introduces (`request`, `query`, `body`, `headers`) are new to the module. `export const config` (bodyParser and friends) has no equivalent and gets a TODO. A route it cannot convert (a default export built by another wrapper, such as `withAuth(handler)` or `createApiHandler(…)`, a next-connect router, or a handler that uses `req`/`res` in other ways: streaming, `res.write`, a `res` passed to a helper) stays in pages/api with a TODO that gives the reason.",
};

export const parser = 'tsx';

const BODY_METHODS = METHODS.filter((method) => method !== 'GET');
const NOT_PLAIN = 'this API route is not a plain `(req, res)` handler';
const LEFT_IN_PAGES = 'the route stays in pages/api until then';

/** True when the rule left this API route where it is: its output still has a Pages Router default export. */
export function leftInPages(output: string): boolean {
  return /^\s*(export\s+default\b|export\s*\{[^}]*\bas\s+default\b|module\.exports\s*=|(module\.)?exports\.default\s*=)/m.test(output);
}

/** The module's default export: `export default x`, `export { x as default }`, `module.exports = x` or `exports.default = x`. */
function defaultExport(j: JSCodeshift, root: Collection): { statement: ASTPath; value: Node } | null {
  const esm = root.find(j.ExportDefaultDeclaration).paths()[0];
  if (esm) return { statement: esm, value: esm.node.declaration as Node };
  for (const p of root.find(j.ExportNamedDeclaration).paths()) {
    const specifier = ((p.node as Node).specifiers ?? []).find((s: Node) => s.exported?.name === 'default' && !(p.node as Node).source);
    if (specifier) return { statement: p, value: specifier.local };
  }
  const program = root.find(j.Program).paths()[0]!;
  for (const [index, node] of (program.node as unknown as { body: Node[] }).body.entries()) {
    if (
      node.type !== 'ExpressionStatement' ||
      node.expression.type !== 'AssignmentExpression' ||
      !isCommonJsExport(node.expression.left, 'default')
    )
      continue;
    return { statement: program.get('body', index) as ASTPath, value: node.expression.right };
  }
  return null;
}

/** `module.exports` (for the default), `module.exports.name` or `exports.name`. */
function isCommonJsExport(left: Node, name: string): boolean {
  const isModuleExports = (node: Node) =>
    node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && memberKey(node) === 'exports';
  if (name === 'default' && isModuleExports(left)) return true;
  if (left.type !== 'MemberExpression' || memberKey(left) !== name) return false;
  return isModuleExports(left.object) || (left.object.type === 'Identifier' && left.object.name === 'exports');
}

/** Wrappers from libraries whose same export also takes an App Router route handler. */
const ROUTE_HANDLER_WRAPPERS: Record<string, string[]> = {
  '@auth0/nextjs-auth0': ['withApiAuthRequired'],
  'next-axiom': ['withAxiom'],
};

/** The local name of such a wrapper when the default export is `wrapper(handler)`, else null. */
function routeHandlerWrapper(j: JSCodeshift, root: Collection, call: Node): string | null {
  if (call.callee.type !== 'Identifier' || call.arguments.length !== 1) return null;
  const name = call.callee.name as string;
  const imported = root
    .find(j.ImportDeclaration)
    .filter((p: ASTPath) => ROUTE_HANDLER_WRAPPERS[(p.node as Node).source.value] !== undefined)
    .find(j.ImportSpecifier)
    .filter((p: ASTPath) => (p.node as Node).local.name === name)
    .nodes()[0] as Node | undefined;
  return imported && Object.values(ROUTE_HANDLER_WRAPPERS).flat().includes(imported.imported.name) ? name : null;
}

/** Why a default export built by a call cannot become route handlers here. */
function wrapperReason(j: JSCodeshift, call: Node): string {
  const root = chainRoot(call.callee);
  const name = root.type === 'Identifier' ? root.name : j(call.callee as never).toSource();
  const router =
    call.callee.type === 'MemberExpression' &&
    (root.type === 'Identifier' || chainRoot(call.callee.object).type === 'Identifier') &&
    call.callee.object.type === 'CallExpression';
  if (router) {
    return `${NOT_PLAIN}: \`${name}()\` builds a router (next-connect or similar) whose methods this rule cannot read: write one exported function per method (\`export async function GET(request: Request)\` …) by hand`;
  }
  return `${NOT_PLAIN}: \`${name}(…)\` builds or wraps it, and a Pages Router wrapper takes \`(req, res)\`, not a route handler's \`(request)\`: write one exported function per method by hand (or a version of \`${name}\` for route handlers)`;
}

/** The handlers are written with LF, and moved code is cut at LF: a CRLF route is converted in LF and keeps its CRLF. */
export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (lineEndingOf(file.source) === '\n') return toRouteHandlers(file, api, options);
  const output = toRouteHandlers({ ...file, source: file.source.replace(/\r\n/g, '\n') }, api, options);
  return output === undefined ? undefined : output.replace(/\n/g, '\r\n');
}

function toRouteHandlers(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!/export\s+default|\bdefault\b\s*\}|module\.exports|exports\.default/.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const exported = defaultExport(j, root);
  if (!exported) return undefined;
  const block = (reason: string) => {
    addTodo(j, exported.statement, `${reason}; ${LEFT_IN_PAGES}`);
    return printSource(root, file.source, file.path);
  };
  const edge = convertEdgeRoute(j, root, file.source, file.path, exported);
  if (edge !== null) return edge;
  let handler = unwrap(exported.value) as Node & { params?: Node[]; body?: Node; id?: Identifier | null };
  let handlerStatement: ASTPath | null = null;
  if (handler.type === 'Identifier') {
    const name = (handler as unknown as Identifier).name;
    const declaration =
      root.find(j.FunctionDeclaration, { id: { name } }).paths()[0] ?? root.find(j.VariableDeclarator, { id: { name } }).paths()[0];
    if (!declaration) return block(`${NOT_PLAIN}: write its route handler (\`export async function GET(request)\` …) by hand`);
    handlerStatement =
      declaration.node.type === 'FunctionDeclaration' ? declaration : j(declaration).closest(j.VariableDeclaration).paths()[0]!;
    handler = unwrap(
      declaration.node.type === 'FunctionDeclaration' ? declaration.node : (declaration.node as unknown as { init: Node }).init,
    );
  }
  // `withApiAuthRequired(handler)`: a wrapper that takes route handlers too wraps each method instead.
  let wrapper: string | null = null;
  let wrapperStatement: ASTPath | null = null;
  if (handler?.type === 'CallExpression') {
    const known = routeHandlerWrapper(j, root, handler);
    if (!known) return block(wrapperReason(j, handler));
    wrapper = known;
    let inner = unwrap(handler.arguments[0]);
    if (inner.type === 'Identifier') {
      const declaration =
        root.find(j.FunctionDeclaration, { id: { name: inner.name } }).paths()[0] ??
        root.find(j.VariableDeclarator, { id: { name: inner.name } }).paths()[0];
      if (!declaration) return block(wrapperReason(j, handler));
      wrapperStatement =
        declaration.node.type === 'FunctionDeclaration' ? declaration : j(declaration).closest(j.VariableDeclaration).paths()[0]!;
      inner = unwrap(
        declaration.node.type === 'FunctionDeclaration' ? declaration.node : (declaration.node as unknown as { init: Node }).init,
      );
    }
    handler = inner;
  }
  if (!handler || !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(handler.type)) {
    return block(`${NOT_PLAIN}: write its route handler (\`export async function GET(request)\` …) by hand`);
  }
  const [requestParam, responseParam] = (handler.params ?? []) as Array<Node & { name?: string }>;
  const request = requestParam?.type === 'Identifier' ? requestParam.name! : null;
  const response = responseParam?.type === 'Identifier' ? responseParam.name! : null;
  if (!request || !response) return block('the handler does not take `(req, res)`: write its route handler by hand');
  const statementsOfHandler: Node[] =
    handler.body!.type === 'BlockStatement' ? (handler.body as { body: Node[] }).body : [{ ...handler.body, expressionBody: true }];

  // Allow-lists such as `const ALLOWED = ['GET', 'POST'] as const`.
  const arrays = new Map<string, string[]>();
  const reader: Reader = { request, response, arrays, methodNames: new Set() };
  root.find(j.VariableDeclarator).forEach((p: ASTPath) => {
    const { id, init } = p.node as Node;
    const list = id.type === 'Identifier' && init ? methodList(init, reader) : null;
    if (list) arrays.set(id.name, list);
    if (id.type === 'Identifier' && init && isMethodRead(init, reader)) reader.methodNames.add(id.name);
    if (id.type === 'ObjectPattern' && init?.type === 'Identifier' && init.name === request) {
      for (const property of id.properties as Node[]) {
        if (
          property.type === 'ObjectProperty' &&
          memberKey({ type: 'MemberExpression', property: property.key, computed: property.computed }) === 'method' &&
          property.value.type === 'Identifier'
        )
          reader.methodNames.add(property.value.name);
      }
    }
  });
  const split = splitByMethod(j, statementsOfHandler, reader);
  if (!split)
    return block('the handler checks `req.method` in a way that cannot be split safely: write one exported function per method by hand');

  const typescript = isTypeScript(file.path);
  const route = options.route ?? '/api';
  const hasParams = routeParams(route).length > 0;
  // Names the converted code introduces, each new to the module; `req` itself goes.
  const free = (base: string) => (isBound(j, root, base) && base !== request ? freeName(j, root, base) : base);
  const names: Names = {
    request: free('request'),
    query: free('query'),
    body: free('body'),
    headers: free('headers'),
    params: free('params'),
  };

  let groups: Array<{ methods: string[]; body: Node[]; optional: boolean }>;
  let checksMethod = true;
  if (split.branches.length > 0) {
    groups = split.branches.map((b) => ({ ...b, optional: false }));
    const covered = new Set(groups.flatMap((b) => b.methods));
    const uncovered = METHODS.filter((m) => !covered.has(m));
    if (uncovered.length > 0 && !respondsWith405(j, split.trailing))
      groups.push({ methods: uncovered, body: [...split.preamble, ...split.trailing], optional: true });
  } else {
    const found = methodGroups(statementsOfHandler, reader);
    checksMethod = found !== null;
    // `request.json()` throws on a GET's empty body: a handler that reads the body serves the methods that send one.
    const served = readsBody(j, handler, request) ? BODY_METHODS : METHODS;
    groups = (found ?? [served]).map((methods) => ({ methods, body: statementsOfHandler, optional: found !== null }));
  }

  const functions: Array<{ name: string; methods: string[]; code: string }> = [];
  let revalidates = false;
  const leftovers = new Set<string>();
  for (const group of groups) {
    const signature = `${typescript ? `${names.request}: NextRequest` : names.request}${hasParams ? `, { params${names.params === 'params' ? '' : `: ${names.params}`} }${typescript ? `: { params: Promise<${paramsTypeOf(route)}> }` : ''}` : ''}`;
    const text = `async function METHOD(${signature}) {\n${group.body.map((s) => moved(file.source, s, '  ')).join('\n')}\n}`;
    const converted = convertBody(j, text, reader, names, hasParams, group.methods);
    if (group.optional && converted.rejects) continue;
    revalidates ||= converted.revalidates;
    for (const leftover of converted.leftovers) leftovers.add(leftover);
    functions.push({ name: group.methods[0]!, methods: group.methods, code: converted.code });
  }
  if (leftovers.size > 0) {
    return block(
      `the handler uses ${[...leftovers].map((l) => `\`${l}\``).join(', ')}, which a route handler does not have: rewrite it for the Web \`Request\` and a returned \`Response\` by hand`,
    );
  }
  const shared = !checksMethod;
  // Rebuild the module: its imports and other code, then the methods.
  const program = root.find(j.Program).get().node as { body: Node[] };
  program.body = program.body.filter(
    (node) => node !== exported.statement.node && node !== handlerStatement?.node && node !== wrapperStatement?.node,
  );
  let configTodo = false;
  root.find(j.ExportNamedDeclaration).forEach((p: ASTPath) => {
    const declaration = (p.node as { declaration?: Node & { declarations?: Array<{ id: Identifier }> } }).declaration;
    if (declaration?.type === 'VariableDeclaration' && declaration.declarations?.[0]?.id.name === 'config') {
      j(p).remove();
      configTodo = true;
    }
  });
  program.body = program.body.filter((node) => {
    const config =
      node.type === 'ExpressionStatement' &&
      node.expression.type === 'AssignmentExpression' &&
      isCommonJsExport(node.expression.left, 'config');
    configTodo ||= config;
    return !config;
  });
  addImport(j, root, 'next/server', 'NextResponse');
  if (typescript) addTypeImport(j, root, 'next/server', 'NextRequest');
  if (revalidates) addImport(j, root, 'next/cache', 'revalidatePath');
  root.find(j.ImportDeclaration, { source: { value: 'next' } }).forEach((p: ASTPath) => {
    const node = p.node as { specifiers?: Array<Node & { imported?: Identifier }> };
    node.specifiers = (node.specifiers ?? []).filter(
      (s) => !(s.type === 'ImportSpecifier' && ['NextApiRequest', 'NextApiResponse', 'NextApiHandler'].includes(s.imported?.name ?? '')),
    );
    if (node.specifiers.length === 0) j(p).remove();
  });
  const notes = [
    configTodo
      ? `// ${todoNote('`export const config` (API route config such as `bodyParser`) has no route handler equivalent: read the raw body with `await request.text()` where it was turned off')}`
      : '',
    shared
      ? `// ${todoNote(functions[0]!.methods.includes('GET') ? `the handler never checked \`req.method\`, so it still answers ${METHODS.join(', ')}: export only the methods it serves` : `the handler never checked \`req.method\` and reads the body, which a GET has not, so it answers ${BODY_METHODS.join(', ')}: export only the methods it serves`)}`
      : '',
  ].filter(Boolean);
  const handlerName = shared ? freeName(j, root, 'handler') : '';
  const code = functions.map((f) => {
    const name = shared ? handlerName : f.name;
    const fn = f.code.replace(/^async function METHOD/, `async function ${name}`);
    if (wrapper) return `${shared ? '' : 'export '}const ${name} = ${wrapper}(${fn});`;
    return `${shared ? '' : 'export '}${fn}`;
  });
  const aliases = shared
    ? functions[0]!.methods.map((method) => `${handlerName} as ${method}`)
    : functions.flatMap((f) => f.methods.slice(1).map((method) => `${f.name} as ${method}`));
  const exportAliases = aliases.length > 0 ? `\nexport { ${aliases.join(', ')} };` : '';
  const head = printSource(root, file.source, file.path).trimEnd();
  const body = [
    head,
    ...notes.map((n, i) => (i === 0 ? `\n${n}` : n)),
    `${notes.length > 0 ? '' : '\n'}${code.join('\n\n')}${exportAliases}`,
  ].join('\n');
  return `${body.replace(/^\n+/, '')}\n`;
}

/** `req.body`, or `body` destructured from `req`, anywhere in the handler. */
function readsBody(j: JSCodeshift, handler: Node, request: string): boolean {
  const scope = j(handler as never);
  const member = scope
    .find(j.MemberExpression, { object: { type: 'Identifier', name: request } })
    .filter((p: ASTPath) => memberKey(p.node) === 'body');
  const destructured = scope
    .find(j.VariableDeclarator, { init: { type: 'Identifier', name: request }, id: { type: 'ObjectPattern' } })
    .filter((p: ASTPath) =>
      ((p.node as Node).id.properties as Node[]).some(
        (property) =>
          property.type === 'ObjectProperty' &&
          memberKey({ type: 'MemberExpression', property: property.key, computed: property.computed }) === 'body',
      ),
    );
  return member.length > 0 || destructured.length > 0;
}
