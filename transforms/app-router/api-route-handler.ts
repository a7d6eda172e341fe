import type { API, ASTPath, CallExpression, Collection, FileInfo, Identifier, JSCodeshift } from 'jscodeshift';
import {
  freeName,
  isBound,
  isTypeScript,
  literalValue,
  memberKey,
  paramsTypeOf,
  type RuleMeta,
  type RuleOptions,
  type AstNode as Node,
} from './lib/rules.ts';
import { routeParams } from '../../src/analysis/next-routes.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { convertEdgeRoute } from './lib/api-route/edge.ts';
import { TextEdits, addImport, addTypeImport, addTodo, sourceTree, todoNote } from '../../src/engine/codemod.ts';

export const meta: RuleMeta = {
  id: 'api-route-handler',
  title: 'API routes → route handlers',
  coverage: 'partial',
  description:
    "A handler exported with `export default`, `module.exports` or `exports.default` becomes one export per HTTP method it accepts, read from its `req.method` checks (`if`/`else if`, a `!==` guard, an allow-list such as `['GET', 'POST'].includes(req.method)`, `switch`, or `req.method === 'GET' ? … : …`), each with the code that method runs; a handler that never checks the method answers GET, POST, PUT, PATCH and DELETE, as before, with a TODO saying so, or all but GET when it reads the body (`request.json()` throws on a GET's empty body). An Edge API route (`export const config = { runtime: 'edge' }`, a handler taking the Web `Request`) keeps its handler, exported as each method, with `export const runtime = 'edge'` (and `preferredRegion` from `regions`). Methods it rejected get Next.js's own 405. `req.query` becomes the search params merged with the awaited `params`, `req.body` `await request.json()`, `req.headers.x` `request.headers.get('x')`, `req.cookies.x` `request.cookies.get('x')?.value`; `res.status(n).json(x)` (or `res.statusCode = n`, `res.status(n)` or `res.writeHead(n, headers)` first), `send`, `end` and `redirect` return `NextResponse`s, `res.setHeader`, `appendHeader` and `removeHeader` fill their headers, `res.revalidate` is `revalidatePath`, next-auth's `getServerSession(req, res, options)` is `getServerSession(options)`. A default export wrapped by `withApiAuthRequired` (`@auth0/nextjs-auth0`) or `withAxiom` (`next-axiom`), which take route handlers too, wraps each method: `export const GET = withApiAuthRequired(async function GET(request) { … })`. The names it introduces (`request`, `query`, `body`, `headers`) are new to the module. `export const config` (bodyParser and friends) has no equivalent and gets a TODO. A route it cannot convert (a default export built by another wrapper, such as `withAuth(handler)` or `createApiHandler(…)`, a next-connect router, or a handler that uses `req`/`res` in other ways: streaming, `res.write`, a `res` passed to a helper) stays in pages/api with a TODO that gives the reason.",
};

export const parser = 'tsx';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const BODY_METHODS = METHODS.filter((method) => method !== 'GET');
const NOT_PLAIN = 'this API route is not a plain `(req, res)` handler';
const LEFT_IN_PAGES = 'the route stays in pages/api until then';

/** True when the rule left this API route where it is: its output still has a Pages Router default export. */
export function leftInPages(output: string): boolean {
  return /^\s*(export\s+default\b|export\s*\{[^}]*\bas\s+default\b|module\.exports\s*=|(module\.)?exports\.default\s*=)/m.test(output);
}

interface Branch {
  methods: string[];
  body: Node[];
}

interface Split {
  branches: Branch[];
  /** What every method runs before the first method check. */
  preamble: Node[];
  /** What the methods no branch takes run after the preamble. */
  trailing: Node[];
}

/** The handler's parameter names, and allow-lists of methods declared as constant arrays. */
interface Reader {
  request: string;
  response: string;
  arrays: Map<string, string[]>;
  /** Locals holding `req.method`: `const { method } = req`. */
  methodNames: Set<string>;
}

interface MethodTest {
  methods: string[];
  negated: boolean;
}

const unwrap = (node: Node): Node => {
  let current = node;
  while (current && ['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(current.type))
    current = current.expression;
  return current;
};

const isMethodRead = (node: Node, reader: Reader): boolean => {
  const { request } = reader;
  const read = unwrap(node);
  if (read?.type === 'Identifier' && reader.methodNames.has(read.name)) return true;
  return (
    (read?.type === 'MemberExpression' || read?.type === 'OptionalMemberExpression') &&
    read.object.type === 'Identifier' &&
    read.object.name === request &&
    memberKey(read) === 'method'
  );
};

function methodList(node: Node, reader: Reader): string[] | null {
  const list = unwrap(node);
  if (list?.type === 'Identifier') return reader.arrays.get(list.name) ?? null;
  if (list?.type !== 'ArrayExpression') return null;
  const values = (list.elements as Node[]).map((element) => literalValue(element));
  return values.every((value): value is string => typeof value === 'string') ? values.map((value) => value.toUpperCase()) : null;
}

/** The methods a test accepts: `req.method === 'GET'`, `'GET' === req.method`, `['GET', 'POST'].includes(req.method)`, `!…`, `a || b`. */
function testedMethods(test: Node, reader: Reader): MethodTest | null {
  const node = unwrap(test);
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = testedMethods(node.argument, reader);
    return inner && { methods: inner.methods, negated: !inner.negated };
  }
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '&&')) {
    const left = testedMethods(node.left, reader);
    const right = testedMethods(node.right, reader);
    if (!left || !right || left.negated !== right.negated) return null;
    if ((node.operator === '||') === left.negated) return null;
    return { methods: [...left.methods, ...right.methods], negated: left.negated };
  }
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    memberKey(node.callee) === 'includes' &&
    node.arguments.length === 1 &&
    isMethodRead(node.arguments[0], reader)
  ) {
    const list = methodList(node.callee.object, reader);
    return list && { methods: list, negated: false };
  }
  if (node.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(node.operator)) return null;
  const value = isMethodRead(node.left, reader)
    ? literalValue(node.right)
    : isMethodRead(node.right, reader)
      ? literalValue(node.left)
      : undefined;
  if (typeof value !== 'string') return null;
  return { methods: [value.toUpperCase()], negated: node.operator.startsWith('!') };
}

const accepts = (tested: MethodTest, method: string): boolean => tested.methods.includes(method) !== tested.negated;

const blockBody = (node: Node): Node[] => (node.type === 'BlockStatement' ? (node as { body: Node[] }).body : [node]);

/** The innermost object of a member and call chain: `res` in `res.status(200).json(x)`. */
function chainRoot(node: Node): Node {
  let object = node;
  while (object.type === 'MemberExpression' || object.type === 'CallExpression')
    object = object.type === 'MemberExpression' ? object.object : object.callee;
  return object;
}

/** True when running these statements always ends the handler: a return, a throw, or a response sent last. */
function exits(nodes: Node[], reader: Reader): boolean {
  const last = nodes.at(-1);
  if (!last) return false;
  if (last.type === 'ReturnStatement' || last.type === 'ThrowStatement') return true;
  if (last.type === 'BlockStatement') return exits(last.body, reader);
  if (last.type === 'IfStatement')
    return Boolean(last.alternate) && exits(blockBody(last.consequent), reader) && exits(blockBody(last.alternate), reader);
  if (last.type === 'ExpressionStatement') {
    const expression = unwrap(last.expression.type === 'AwaitExpression' ? last.expression.argument : last.expression);
    const root = expression.type === 'CallExpression' ? chainRoot(expression) : null;
    return (
      root?.type === 'Identifier' &&
      root.name === reader.response &&
      !['setHeader', 'appendHeader', 'removeHeader', 'status', 'revalidate', 'write', 'writeHead'].includes(
        memberKey(expression.callee) ?? '',
      )
    );
  }
  return false;
}

/** Visits the nodes under `node`, not entering functions nested in it. */
function walk(node: Node, visit: (node: Node, parent: Node | null) => void, parent: Node | null = null): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit, parent);
    return;
  }
  if (typeof node.type !== 'string') return;
  visit(node, parent);
  if (parent && /Function|ObjectMethod|ClassMethod/.test(node.type)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'tokens') continue;
    if (value && typeof value === 'object') walk(value as Node, visit, node);
  }
}

/** A `break` left inside a case once its own trailing `break` is dropped would end up outside any switch. */
function breaksOutOf(statements: Node[]): boolean {
  let found = false;
  const visit = (node: Node, inLoop: boolean): void => {
    if (!node || typeof node !== 'object' || found) return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, inLoop));
    if (typeof node.type !== 'string') return;
    if (node.type === 'BreakStatement' && !node.label && !inLoop) found = true;
    if (/Function/.test(node.type)) return;
    const loop = inLoop || /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/.test(node.type);
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && value && typeof value === 'object') visit(value as Node, loop);
  };
  visit(statements, false);
  return found;
}

const respondsWith405 = (j: JSCodeshift, nodes: Node[]): boolean =>
  nodes.length === 0 ||
  nodes
    .map((n) => j(n as never).toSource())
    .join('\n')
    .includes('405');

/** Splits a handler body into one body per method; null when it checks the method in a way this rule does not read. */
function splitByMethod(j: JSCodeshift, body: Node[], reader: Reader): Split | null {
  const preamble: Node[] = [];
  for (let index = 0; index < body.length; index++) {
    const statement = body[index]!;
    const after = body.slice(index + 1);
    const tested = statement.type === 'IfStatement' ? testedMethods(statement.test, reader) : null;
    if (tested?.negated) {
      // `if (req.method !== 'POST') return …;` guards the rest of the body.
      if (statement.alternate || !exits(blockBody(statement.consequent), reader)) return null;
      const rest = splitByMethod(j, after, reader);
      if (!rest) return null;
      const allowed = tested.methods;
      if (rest.branches.length === 0) return { branches: [{ methods: allowed, body: [...preamble, ...after] }], preamble, trailing: [] };
      const branches = rest.branches
        .map((b) => ({ methods: b.methods.filter((m) => allowed.includes(m)), body: [...preamble, ...b.body] }))
        .filter((b) => b.methods.length > 0);
      const uncovered = allowed.filter((m) => !rest.branches.some((b) => b.methods.includes(m)));
      if (uncovered.length > 0 && !respondsWith405(j, rest.trailing))
        branches.push({ methods: uncovered, body: [...preamble, ...rest.preamble, ...rest.trailing] });
      return { branches, preamble, trailing: [] };
    }
    if (tested) {
      // A chain of `if (req.method === …) … else if …`; a branch that does not end the handler goes on with the code after the chain.
      const branches: Branch[] = [];
      let node: Node | null = statement;
      while (node && node.type === 'IfStatement') {
        const test = testedMethods(node.test, reader);
        if (!test || test.negated) return null;
        const consequent = blockBody(node.consequent);
        branches.push({ methods: test.methods, body: [...preamble, ...consequent, ...(exits(consequent, reader) ? [] : after)] });
        node = node.alternate;
      }
      const rest = splitByMethod(j, after, reader);
      if (!rest) return null;
      if (rest.branches.length > 0) {
        if (node) return null;
        for (const b of rest.branches) {
          const methods = b.methods.filter((m) => !branches.some((taken) => taken.methods.includes(m)));
          if (methods.length > 0) branches.push({ methods, body: [...preamble, ...b.body] });
        }
        return { branches, preamble: [...preamble, ...rest.preamble], trailing: rest.trailing };
      }
      return { branches, preamble, trailing: [...(node ? blockBody(node) : []), ...after] };
    }
    if (statement.type === 'SwitchStatement' && isMethodRead(statement.discriminant, reader)) {
      const branches: Branch[] = [];
      let pending: string[] = [];
      let otherwise: Node[] = [];
      const cases = statement.cases as Array<{ test: Node | null; consequent: Node[] }>;
      for (const [position, kase] of cases.entries()) {
        const flat = kase.consequent.flatMap(blockBody);
        const ends = flat.at(-1)?.type === 'BreakStatement' || exits(flat, reader);
        const consequent = flat.filter((c) => c.type !== 'BreakStatement');
        // A `break` deeper in a case leaves the switch; when nothing follows the switch, that is a `return`.
        if (breaksOutOf(consequent) && after.length > 0) return null;
        if (consequent.length > 0 && !ends && position < cases.length - 1) return null;
        if (kase.test === null) {
          otherwise = consequent;
          continue;
        }
        const value = literalValue(kase.test);
        if (typeof value !== 'string') return null;
        pending.push(value.toUpperCase());
        if (consequent.length === 0) continue;
        branches.push({ methods: pending, body: [...preamble, ...consequent, ...(exits(consequent, reader) ? [] : after)] });
        pending = [];
      }
      return { branches, preamble, trailing: [...otherwise, ...(exits(otherwise, reader) ? [] : after)] };
    }
    preamble.push(statement);
  }
  return { branches: [], preamble, trailing: [] };
}

/** Method checks the split did not take (inside a `try`, a ternary): each group of methods that answers them alike gets its own copy of the body. */
function methodGroups(body: Node[], reader: Reader): string[][] | null {
  const tests: MethodTest[] = [];
  walk(body, (node) => {
    if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') {
      const tested = testedMethods(node.test, reader);
      if (tested) tests.push(tested);
    }
  });
  if (tests.length === 0) return null;
  const methods = [...new Set([...METHODS, ...tests.flatMap((t) => t.methods)])];
  const groups = new Map<string, string[]>();
  for (const method of methods) {
    const key = tests.map((t) => (accepts(t, method) ? '1' : '0')).join('');
    groups.set(key, [...(groups.get(key) ?? []), method]);
  }
  return [...groups.values()];
}

/** `break` statements outside any loop or switch in these statements: those a case body kept from its switch. */
function strayBreaks(node: Node): Node[] {
  const found: Node[] = [];
  const visit = (current: Node, inBreakable: boolean): void => {
    if (!current || typeof current !== 'object') return;
    if (Array.isArray(current)) return current.forEach((item) => visit(item, inBreakable));
    if (typeof current.type !== 'string') return;
    if (current.type === 'BreakStatement' && !current.label && !inBreakable) found.push(current);
    if (/Function/.test(current.type)) return;
    const breakable = inBreakable || /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/.test(current.type);
    for (const [key, value] of Object.entries(current))
      if (key !== 'loc' && value && typeof value === 'object') visit(value as Node, breakable);
  };
  visit(node, false);
  return found;
}

/**
 * Source text of a statement moved to another depth, its inner lines shifted with it. A `break` that
 * left the switch it came from becomes `return;`: the split only keeps those where the switch ended the handler.
 */
function moved(source: string, node: Node, indent: string): string {
  const { start, end } = node as Node & { start: number; end: number };
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const shift = /^[ \t]*/.exec(source.slice(lineStart))![0].length - indent.length;
  let slice = source.slice(start, end);
  for (const stray of strayBreaks(node).sort((a, b) => b.start - a.start))
    slice = `${slice.slice(0, stray.start - start)}return;${slice.slice(stray.end - start)}`;
  const lines = slice.split('\n');
  const text = lines
    .map((line, i) => (i === 0 ? indent + line : shift > 0 ? line.replace(new RegExp(`^ {0,${shift}}`), '') : ' '.repeat(-shift) + line))
    .join('\n');
  return node.expressionBody ? `${indent}return ${text.slice(indent.length)};` : text;
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

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
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

interface Names {
  request: string;
  query: string;
  body: string;
  headers: string;
  params: string;
}

/** `getServerSession(req, res, authOptions)` from next-auth, which a route handler calls as `getServerSession(authOptions)`. */
function isSessionCall(call: Node, argument: Node, reader: Reader): boolean {
  if (call.type !== 'CallExpression' || call.arguments.length !== 3 || call.arguments[0] !== argument) return false;
  const callee = call.callee.type === 'Identifier' ? call.callee.name : null;
  return (
    (callee === 'getServerSession' || callee === 'unstable_getServerSession') &&
    call.arguments[1].type === 'Identifier' &&
    call.arguments[1].name === reader.response
  );
}

/** Code that needs parentheses to stand where another expression stood. */
const needsParens = (node: Node): boolean =>
  ![
    'Identifier',
    'CallExpression',
    'MemberExpression',
    'OptionalMemberExpression',
    'OptionalCallExpression',
    'StringLiteral',
    'NumericLiteral',
    'BooleanLiteral',
    'NullLiteral',
    'TemplateLiteral',
    'ObjectExpression',
    'ArrayExpression',
    'AwaitExpression',
    'JSXElement',
    'NewExpression',
    'ParenthesizedExpression',
  ].includes(node.type);

/** True when a block declares a name the code around it uses too, so its statements cannot go up a level. */
function declaresOutside(j: JSCodeshift, fn: Node, block: Node): boolean {
  const names = (block.body as Node[]).flatMap((s) =>
    s.type === 'VariableDeclaration' && s.kind !== 'var'
      ? (s.declarations as Node[]).flatMap((d) =>
          d.id.type === 'Identifier'
            ? [d.id.name]
            : j(d.id as never)
                .find(j.Identifier)
                .nodes()
                .map((id) => (id as Identifier).name),
        )
      : s.type === 'ClassDeclaration' || s.type === 'FunctionDeclaration'
        ? [s.id?.name]
        : [],
  );
  return names.some(
    (name) =>
      j(fn as never)
        .find(j.Identifier, { name })
        .filter((p: ASTPath) => (p.node as Node).start < block.start || (p.node as Node).end > block.end).length > 0,
  );
}

/** Resolves the method checks whose answer is the same for every one of these methods, so each method's function keeps only its own code. */
function specialize(j: JSCodeshift, original: string, reader: Reader, methods: readonly string[]): string {
  let text = original;
  for (let round = 0; round < 20; round++) {
    const root = sourceTree(j, text);
    const fn = root.find(j.FunctionDeclaration).paths()[0]!.node as Node;
    const edits = new TextEdits(text);
    const taken: Array<[number, number]> = [];
    walk(fn.body, (node, parent) => {
      if (node.type !== 'IfStatement' && node.type !== 'ConditionalExpression') return;
      if (taken.some(([start, end]) => node.start >= start && node.end <= end)) return;
      const tested = testedMethods(node.test, reader);
      if (!tested) return;
      const answers = new Set(methods.map((m) => accepts(tested, m)));
      if (answers.size !== 1) return;
      const chosen: Node | null = answers.has(true) ? node.consequent : node.alternate;
      if (node.type === 'ConditionalExpression') {
        const code = text.slice(chosen!.start, chosen!.end);
        edits.replace(node.start, node.end, needsParens(chosen!) ? `(${code})` : code);
      } else {
        if (!parent || !['BlockStatement', 'Program', 'SwitchCase'].includes(parent.type)) return;
        const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', node.start) + 1))![0];
        if (!chosen) {
          const lineStart = text.lastIndexOf('\n', node.start) + 1;
          edits.replace(lineStart, node.end + (text[node.end] === '\n' ? 1 : 0), '');
        } else if (chosen.type === 'BlockStatement' && chosen.body.length > 0 && !declaresOutside(j, fn, chosen)) {
          edits.replace(
            node.start,
            node.end,
            (chosen.body as Node[])
              .map((s) => moved(text, s, indent))
              .join('\n')
              .slice(indent.length),
          );
        } else {
          edits.replace(node.start, node.end, moved(text, chosen, indent).slice(indent.length));
        }
      }
      taken.push([node.start, node.end]);
    });
    if (!edits.changed) return text;
    text = edits.apply();
  }
  return text;
}

/** Rewrites one method's body from `(req, res)` to a Web `Request` and returned `NextResponse`s, as text edits so the code keeps its layout. */
function convertBody(
  j: JSCodeshift,
  original: string,
  reader: Reader,
  names: Names,
  hasParams: boolean,
  methods: readonly string[],
): { code: string; revalidates: boolean; leftovers: string[]; rejects: boolean } {
  const { request, response } = reader;
  const needs = { query: false, body: false, headers: false };
  let revalidates = false;
  let defaultStatus: string | null = null;
  const leftovers: string[] = [];
  const at = (node: Node) => node as Node & { start: number; end: number };
  const isResponse = (node: Node) => node.type === 'Identifier' && (node as Identifier).name === response;
  // Passes, each over the text the one before wrote, so no edit lands inside another.
  let text = specialize(j, original, reader, methods);
  let root = sourceTree(j, text);
  let edits = new TextEdits(text);
  let fn = root.find(j.FunctionDeclaration).paths()[0]!;
  let handled = new Set<Node>();
  const source = (node: Node) => text.slice(at(node).start, at(node).end);
  const nextPass = () => {
    text = edits.apply();
    root = sourceTree(j, text);
    edits = new TextEdits(text);
    fn = root.find(j.FunctionDeclaration).paths()[0]!;
    handled = new Set<Node>();
  };
  const inOwnScope = (p: ASTPath) => j(p).closest(j.Function).paths()[0]?.node === fn.node;
  // `.then((res) => res.text())` declares a `res` of its own.
  const unshadowed = (p: ASTPath, name: string) => {
    const scope = (p as ASTPath & { scope?: { lookup(name: string): { node: Node } | null } }).scope?.lookup(name);
    return !scope || scope.node === fn.node;
  };

  // Reads of the request. Its own references are found here, before the new `request` can be mistaken for them.
  const requestReads = root.find(j.Identifier, { name: request }).filter((p: ASTPath) => {
    if (!unshadowed(p, request)) return false;
    const parent = p.parent.node;
    if (
      (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
      parent.property === p.node &&
      !parent.computed
    )
      return false;
    if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === p.node && !parent.shorthand) return false;
    return !(p.parent.parent?.node === fn.node || parent === fn.node);
  });
  const bodyReads = requestReads.filter((p: ASTPath) => memberKey(p.parent.node) === 'body' && p.parent.node.object === p.node);
  const queryReads = requestReads.filter((p: ASTPath) => memberKey(p.parent.node) === 'query' && p.parent.node.object === p.node);
  // `const data = req.body` reads the body once, where it stands.
  const declaredOnce = (reads: Collection) => {
    if (reads.length !== 1) return false;
    const member = reads.paths()[0]!.parent as ASTPath;
    return (
      member.parent.node.type === 'VariableDeclarator' &&
      member.parent.node.init === member.node &&
      member.parent.node.id.type === 'Identifier' &&
      inOwnScope(member)
    );
  };
  const bodyInPlace = declaredOnce(bodyReads);
  const queryInPlace = declaredOnce(queryReads);
  const queryCode = `{ ...Object.fromEntries(${names.request}.nextUrl.searchParams)${hasParams ? `, ...(await ${names.params})` : ''} }`;
  requestReads.forEach((p: ASTPath) => {
    const parent = p.parent.node;
    const key = parent.type === 'MemberExpression' && parent.object === p.node ? memberKey(parent) : null;
    const grandparent = p.parent.parent?.node;
    const inner = key && grandparent?.type === 'MemberExpression' && grandparent.object === parent ? memberKey(grandparent) : null;
    const replace = (node: Node, code: string) => edits.replace(at(node).start, at(node).end, code);
    if (key === 'query') {
      if (queryInPlace) replace(parent, queryCode);
      else {
        needs.query = true;
        replace(parent, names.query);
      }
    } else if (key === 'body') {
      if (
        grandparent?.type === 'CallExpression' &&
        grandparent.arguments.length === 1 &&
        grandparent.arguments[0] === parent &&
        j(grandparent.callee as never).toSource() === 'JSON.parse' &&
        inOwnScope(p)
      )
        replace(grandparent, `await ${names.request}.json()`);
      else if (bodyInPlace) replace(parent, `await ${names.request}.json()`);
      else {
        needs.body = true;
        replace(parent, names.body);
      }
    } else if (key === 'method') replace(parent, `${names.request}.method`);
    else if (!key && isSessionCall(parent, p.node, reader)) replace(parent, `${source(parent.callee)}(${source(parent.arguments[2])})`);
    else if (key === 'url') replace(parent, `(${names.request}.nextUrl.pathname + ${names.request}.nextUrl.search)`);
    else if (key === 'headers' && inner) replace(grandparent, `${names.request}.headers.get('${inner.toLowerCase()}')`);
    else if (key === 'cookies' && inner) replace(grandparent, `${names.request}.cookies.get('${inner}')?.value`);
    else if (key === 'cookies')
      replace(parent, `Object.fromEntries(${names.request}.cookies.getAll().map((cookie) => [cookie.name, cookie.value]))`);
    else if (key === 'headers') replace(parent, `Object.fromEntries(${names.request}.headers)`);
    else if (
      !key &&
      parent.type === 'VariableDeclarator' &&
      parent.init === p.node &&
      parent.id.type === 'ObjectPattern' &&
      inOwnScope(p)
    ) {
      // `const { query, body } = req` declares each part from the request instead.
      const parts = (parent.id.properties as Node[]).map((property) => {
        const name =
          property.type === 'ObjectProperty'
            ? memberKey({ type: 'MemberExpression', property: property.key, computed: property.computed })
            : null;
        const target =
          property.type === 'ObjectProperty'
            ? source(property.value.type === 'AssignmentPattern' ? property.value.left : property.value)
            : null;
        const code =
          name === 'query'
            ? queryCode
            : name === 'body'
              ? `await ${names.request}.json()`
              : name === 'method'
                ? `${names.request}.method`
                : name === 'headers'
                  ? `Object.fromEntries(${names.request}.headers)`
                  : name === 'url'
                    ? `(${names.request}.nextUrl.pathname + ${names.request}.nextUrl.search)`
                    : null;
        if (!code || !target || property.value.type === 'AssignmentPattern') return null;
        // A part this method never reads is not read at all: a GET has no body to parse.
        const used =
          property.value.type !== 'Identifier' ||
          j(fn.node as never)
            .find(j.Identifier, { name: property.value.name })
            .filter(
              (ref: ASTPath) =>
                ref.node !== property.value &&
                ref.parent.node !== property &&
                !(ref.parent.node.type === 'MemberExpression' && ref.parent.node.property === ref.node && !ref.parent.node.computed) &&
                !(ref.parent.node.type === 'ObjectProperty' && ref.parent.node.key === ref.node && !ref.parent.node.shorthand),
            ).length > 0;
        return used ? `${target} = ${code}` : '';
      });
      const kept = parts.filter(Boolean);
      const declaration = p.parent.parent as ASTPath;
      if (
        parts.every((part) => part !== null) &&
        kept.length === 0 &&
        declaration.node.type === 'VariableDeclaration' &&
        (declaration.node as Node).declarations.length === 1
      ) {
        const at = declaration.node as Node;
        const lineStart = text.lastIndexOf('\n', at.start) + 1;
        edits.replace(lineStart, at.end + (text[at.end] === '\n' ? 1 : 0), '');
      } else if (parts.every((part) => part !== null) && kept.length > 0) replace(parent, kept.join(', '));
      else leftovers.push(source(parent).replace(/\s+/g, ' '));
    } else leftovers.push(source(key ? parent : p.node).replace(/\s+/g, ' '));
  });

  nextPass();
  const responseCalls = (method: string) =>
    root
      .find(j.CallExpression)
      .filter(
        (p: ASTPath<CallExpression>) =>
          p.node.callee.type === 'MemberExpression' &&
          isResponse((p.node.callee as { object: Node }).object) &&
          memberKey(p.node.callee as never) === method &&
          unshadowed(p, response),
      );
  // Headers set before responding.
  const headerCalls: Record<string, string> = { setHeader: 'set', appendHeader: 'append', removeHeader: 'delete' };
  for (const [method, verb] of Object.entries(headerCalls)) {
    responseCalls(method).forEach((p: ASTPath<CallExpression>) => {
      const [name, value] = p.node.arguments as Node[];
      if (!name || (!value && verb !== 'delete')) return;
      needs.headers = true;
      const valueCode = !value
        ? ''
        : value.type === 'ArrayExpression'
          ? `, ${source(value)}.join(', ')`
          : value.type === 'StringLiteral' || value.type === 'TemplateLiteral'
            ? `, ${source(value)}`
            : `, String(${source(value)})`;
      edits.replace(at(p.node).start, at(p.node).end, `${names.headers}.${verb}(${source(name)}${valueCode})`);
      handled.add((p.node.callee as { object: Node }).object);
    });
  }
  // `res.statusCode = 401`, `res.status(401);` or `res.writeHead(401, {…})` before the response: the response takes that status.
  const statusStatements = root.find(j.ExpressionStatement).filter((p: ASTPath) => {
    if (!unshadowed(p, response)) return false;
    const expression = (p.node as Node).expression;
    if (expression.type === 'AssignmentExpression')
      return (
        expression.left.type === 'MemberExpression' && isResponse(expression.left.object) && memberKey(expression.left) === 'statusCode'
      );
    return (
      expression.type === 'CallExpression' &&
      expression.callee.type === 'MemberExpression' &&
      isResponse(expression.callee.object) &&
      ['status', 'writeHead'].includes(memberKey(expression.callee) ?? '')
    );
  });
  if (statusStatements.length === 1) {
    const statement = statusStatements.paths()[0]!.node as Node;
    const expression = statement.expression;
    const lineStart = text.lastIndexOf('\n', at(statement).start) + 1;
    const indent = text.slice(lineStart, at(statement).start);
    let replacement = '';
    if (expression.type === 'AssignmentExpression') {
      defaultStatus = source(expression.right);
      handled.add(expression.left.object);
    } else {
      const [status, fields] = expression.arguments as Node[];
      defaultStatus = status ? source(status) : null;
      handled.add(expression.callee.object);
      if (fields?.type === 'ObjectExpression' && fields.properties.every((f: Node) => f.type === 'ObjectProperty' && !f.computed)) {
        replacement = (fields.properties as Node[])
          .map(
            (f) =>
              `${indent}${names.headers}.set(${f.key.type === 'Identifier' ? `'${f.key.name}'` : source(f.key)}, ${f.value.type === 'StringLiteral' || f.value.type === 'TemplateLiteral' ? source(f.value) : `String(${source(f.value)})`});\n`,
          )
          .join('');
        needs.headers ||= replacement.length > 0;
      } else if (fields) {
        leftovers.push(`${response}.writeHead(…)`);
      }
    }
    edits.replace(lineStart, at(statement).end + (text[at(statement).end] === '\n' ? 1 : 0), replacement);
  }
  responseCalls('revalidate').forEach((p: ASTPath<CallExpression>) => {
    const callee = p.node.callee as Node;
    edits.replace(at(callee).start, at(callee).end, 'revalidatePath');
    handled.add((p.node.callee as { object: Node }).object);
    revalidates = true;
  });

  const converted = new Set(['setHeader', 'appendHeader', 'removeHeader', 'revalidate']);
  nextPass();
  // Responses: the outermost call of each `res.…` chain.
  const statuses: Array<string | null> = [];
  root
    .find(j.CallExpression)
    .filter((p: ASTPath<CallExpression>) => {
      const object = chainRoot(p.node.callee as Node);
      if (!isResponse(object) || handled.has(object) || !unshadowed(p, response)) return false;
      const parent = p.parent.node;
      return !(parent.type === 'MemberExpression' && parent.object === p.node);
    })
    .forEach((p: ASTPath<CallExpression>) => {
      const object = chainRoot(p.node.callee as Node);
      const statement = p.parent;
      const result = responseFor(source, p.node, needs.headers, defaultStatus, names);
      if (!result || !inOwnScope(p)) return;
      if (j(p).closest(j.CatchClause).length === 0) statuses.push(result.status);
      handled.add(object);
      if (
        statement.node.type === 'ExpressionStatement' ||
        (statement.node.type === 'AwaitExpression' && statement.parent.node.type === 'ExpressionStatement')
      ) {
        const whole = statement.node.type === 'ExpressionStatement' ? statement : statement.parent;
        edits.replace(at(whole.node).start, at(whole.node).end, `return ${result.code};`);
        // A bare `return;` right after the response is now unreachable.
        const list =
          (whole.parent.node as { body?: Node[]; consequent?: Node[] }).body ?? (whole.parent.node as { consequent?: Node[] }).consequent;
        const next = Array.isArray(list) ? list[list.indexOf(whole.node) + 1] : undefined;
        if (next?.type === 'ReturnStatement' && !(next as { argument: Node | null }).argument) {
          const lineStart = text.lastIndexOf('\n', at(next).start) + 1;
          edits.replace(lineStart, at(next).end + (text[at(next).end] === '\n' ? 1 : 0), '');
        }
      } else {
        edits.replace(at(p.node).start, at(p.node).end, result.code);
      }
    });

  // What is left of the response.
  root
    .find(j.Identifier, { name: response })
    .filter((p: ASTPath) => {
      if (!unshadowed(p, response)) return false;
      const parent = p.parent.node;
      if (parent.type === 'MemberExpression' && parent.object === p.node && converted.has(memberKey(parent) ?? '')) return false;
      if (
        (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === p.node &&
        !parent.computed
      )
        return false;
      if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === p.node && !parent.shorthand) return false;
      if (p.parent.parent?.node === fn.node || parent === fn.node) return false;
      return !handled.has(p.node);
    })
    .forEach((p: ASTPath) => {
      const parent = p.parent.node;
      const member = parent.type === 'MemberExpression' && parent.object === p.node ? parent : null;
      leftovers.push(member ? `${response}.${memberKey(member) ?? '…'}` : response);
    });

  const preamble: string[] = [];
  if (needs.query) preamble.push(`const ${names.query} = ${queryCode};`);
  if (needs.body) preamble.push(`const ${names.body} = await ${names.request}.json();`);
  if (needs.headers) preamble.push(`const ${names.headers} = new Headers();`);
  const bodyStart = at(fn.node.body as Node).start + 1;
  if (preamble.length > 0) edits.insert(bodyStart, `\n${preamble.map((line) => `  ${line}`).join('\n')}`);
  const rejects = statuses.length > 0 && statuses.every((status) => status === '405');
  return { code: edits.apply(), revalidates, leftovers: [...new Set(leftovers)], rejects };
}

/** `res.status(404).json(x)` → `NextResponse.json(x, { status: 404 })`, and the rest of the chain family; as code, or null. */
function responseFor(
  source: (node: Node) => string,
  call: CallExpression,
  withHeaders: boolean,
  defaultStatus: string | null,
  names: Names,
): { code: string; status: string | null } | null {
  const steps: Array<{ name: string; args: Node[] }> = [];
  let node: Node = call;
  while (node.type === 'CallExpression') {
    const callee = (node as CallExpression).callee as Node & { object: Node };
    if (callee.type !== 'MemberExpression') return null;
    steps.unshift({ name: memberKey(callee) ?? '', args: (node as CallExpression).arguments as Node[] });
    node = callee.object;
  }
  let status: string | null = defaultStatus;
  let last: { name: string; args: Node[] } | null = null;
  for (const step of steps) {
    if (step.name === 'status' && step.args.length === 1) status = source(step.args[0]!);
    else if (last === null) last = step;
    else return null;
  }
  if (!last) return null;
  const headers = names.headers === 'headers' ? 'headers' : `headers: ${names.headers}`;
  const init = [status ? `status: ${status}` : '', withHeaders ? headers : ''].filter(Boolean);
  const initCode = init.length > 0 ? `, { ${init.join(', ')} }` : '';
  const [first, second] = last.args.map(source);
  const arg = last.args[0];
  const code = (() => {
    switch (last.name) {
      case 'json':
        return `NextResponse.json(${first ?? 'null'}${initCode})`;
      case 'send': {
        const text = !arg || arg.type === 'StringLiteral' || arg.type === 'TemplateLiteral';
        return text ? `new NextResponse(${first ?? 'null'}${initCode})` : `NextResponse.json(${first}${initCode})`;
      }
      case 'end':
        return `new NextResponse(${first ?? 'null'}${initCode})`;
      case 'redirect': {
        const [url, code] = last.args.length === 2 ? [second, first] : [first, status];
        const redirectInit = withHeaders ? `, { status: ${code ?? 307}, ${headers} }` : code ? `, ${code}` : '';
        return `NextResponse.redirect(new URL(${url}, ${names.request}.url)${redirectInit})`;
      }
      default:
        return null;
    }
  })();
  return code === null ? null : { code, status: last.name === 'redirect' ? null : status };
}
