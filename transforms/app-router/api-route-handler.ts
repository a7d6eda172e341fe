import type { API, ASTPath, CallExpression, FileInfo, Identifier, JSCodeshift } from 'jscodeshift';
import { isTypeScript, literalValue, memberKey, paramsTypeOf, type RuleMeta, type RuleOptions, type AstNode as Node } from '../../src/engine/app-router-rules.ts';
import { routeParams } from '../../src/engine/next-routes.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { TextEdits, statementStart, addImport, addTypeImport, addTodo, sourceTree } from '../../src/engine/codemod.ts';

export const meta: RuleMeta = {
  id: 'api-route-handler',
  title: 'API routes → route handlers',
  coverage: 'partial',
  description: 'A handler that branches on `req.method` (`if`/`else if`, a `!==` guard, or `switch`) becomes one export per method, each with the shared code before the branch; a handler that does not branch answers every method, as before. Methods it did not handle get Next.js\'s own 405. `req.query` becomes the search params merged with the awaited `params`, `req.body` `await request.json()`, `req.headers.x` `request.headers.get(\'x\')`, `req.cookies.x` `request.cookies.get(\'x\')?.value`; `res.status(n).json(x)` (or `res.statusCode = n` first), `send`, `end` and `redirect` return `NextResponse`s, `res.setHeader` fills their headers, `res.revalidate` is `revalidatePath`. `export const config` (bodyParser and friends) has no equivalent and gets a TODO; so do other uses of `req`/`res` (streaming, `res.write`, a `res` passed to a helper). A handler this rule cannot split stays in pages/api.',
};

export const parser = 'tsx';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Branch {
  methods: string[];
  body: Node[];
}

/** The methods an `if` test accepts: `req.method === 'GET'`, `'GET' === req.method`, `a || b`. */
function testedMethods(test: Node, request: string): { methods: string[]; negated: boolean } | null {
  const node = test as Node & { operator?: string; left?: Node; right?: Node };
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '&&')) {
    const left = testedMethods(node.left!, request);
    const right = testedMethods(node.right!, request);
    if (!left || !right || left.negated !== right.negated) return null;
    if ((node.operator === '||') === left.negated) return null;
    return { methods: [...left.methods, ...right.methods], negated: left.negated };
  }
  if (node.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(node.operator!)) return null;
  const isMethod = (n: Node) => n.type === 'MemberExpression' && (n as { object: Node }).object.type === 'Identifier' && ((n as { object: Identifier }).object.name === request) && memberKey(n) === 'method';
  const value = isMethod(node.left!) ? literalValue(node.right) : isMethod(node.right!) ? literalValue(node.left) : undefined;
  if (typeof value !== 'string') return null;
  return { methods: [value.toUpperCase()], negated: node.operator!.startsWith('!') };
}

const blockBody = (node: Node): Node[] => (node.type === 'BlockStatement' ? (node as { body: Node[] }).body : [node]);

/** Splits a handler body into one body per method; null when it does not branch on the method in a way this rule reads. */
function splitByMethod(body: Node[], request: string): { branches: Branch[]; trailing: Node[] } | null {
  const preamble: Node[] = [];
  for (let index = 0; index < body.length; index++) {
    const statement = body[index]!;
    if (statement.type === 'IfStatement' && testedMethods(statement.test, request)) {
      const branches: Branch[] = [];
      let current: Node | null = statement;
      let trailing: Node[] = body.slice(index + 1);
      // A chain of `if (req.method === …) … else if …`, and further `if`s after it.
      let next = index;
      const chain = (start: Node | null): boolean => {
        let node = start as (Node & { test: Node; consequent: Node; alternate: Node | null }) | null;
        while (node && node.type === 'IfStatement') {
          const tested = testedMethods(node.test, request);
          if (!tested) return false;
          if (tested.negated) {
            // `if (req.method !== 'POST') return …;` guards the rest of the body.
            if (tested.methods.length !== 1 || node.alternate) return false;
            branches.push({ methods: tested.methods, body: [...preamble, ...body.slice(next + 1)] });
            trailing = [];
            return true;
          }
          branches.push({ methods: tested.methods, body: [...preamble, ...blockBody(node.consequent)] });
          node = node.alternate as typeof node;
        }
        if (node) trailing = [...blockBody(node), ...trailing];
        return true;
      };
      if (!chain(current)) return null;
      if (trailing.length > 0 && branches.length > 0 && trailing[0]!.type === 'IfStatement' && testedMethods((trailing[0] as { test: Node }).test, request)) {
        next = body.indexOf(trailing[0]!);
        current = trailing[0]!;
        const rest = splitByMethod(body.slice(next), request);
        if (!rest) return null;
        return { branches: [...branches, ...rest.branches.map((b) => ({ ...b, body: [...preamble, ...b.body] }))], trailing: rest.trailing };
      }
      return { branches, trailing };
    }
    if (statement.type === 'SwitchStatement') {
      const discriminant = (statement as { discriminant: Node }).discriminant;
      if (!(discriminant.type === 'MemberExpression' && memberKey(discriminant) === 'method')) return null;
      const branches: Branch[] = [];
      let pending: string[] = [];
      let trailing: Node[] = body.slice(index + 1);
      for (const kase of (statement as { cases: Array<{ test: Node | null; consequent: Node[] }> }).cases) {
        const consequent = kase.consequent.filter((c) => c.type !== 'BreakStatement');
        if (kase.test === null) {
          trailing = [...consequent.flatMap(blockBody), ...trailing];
          continue;
        }
        const value = literalValue(kase.test);
        if (typeof value !== 'string') return null;
        pending.push(value.toUpperCase());
        if (consequent.length === 0) continue;
        branches.push({ methods: pending, body: [...preamble, ...consequent.flatMap(blockBody)] });
        pending = [];
      }
      return { branches, trailing };
    }
    preamble.push(statement);
  }
  return { branches: [], trailing: preamble };
}

/** Source text of a statement moved to another depth, its inner lines shifted with it. */
function moved(source: string, node: Node, indent: string): string {
  const { start, end, loc } = node as Node & { start: number; end: number; loc: { start: { column: number } } };
  const shift = loc.start.column - indent.length;
  const lines = source.slice(start, end).split('\n');
  return lines.map((line, i) => (i === 0 ? indent + line : shift > 0 ? line.replace(new RegExp(`^ {0,${shift}}`), '') : ' '.repeat(-shift) + line)).join('\n');
}

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!/\bres\b|NextApiRequest|NextApiResponse/.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const exported = root.find(j.ExportDefaultDeclaration).paths()[0];
  if (!exported) return undefined;
  let handler = exported.node.declaration as Node & { params?: Node[]; body?: Node; async?: boolean; id?: Identifier | null };
  let handlerStatement: ASTPath | null = null;
  if (handler.type === 'Identifier') {
    const name = (handler as unknown as Identifier).name;
    const declaration = root.find(j.FunctionDeclaration, { id: { name } }).paths()[0] ?? root.find(j.VariableDeclarator, { id: { name } }).paths()[0];
    if (!declaration) return undefined;
    handlerStatement = declaration.node.type === 'FunctionDeclaration' ? declaration : j(declaration).closest(j.VariableDeclaration).paths()[0]!;
    handler = (declaration.node.type === 'FunctionDeclaration' ? declaration.node : (declaration.node as unknown as { init: Node }).init) as typeof handler;
  }
  if (!handler || !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(handler.type) || handler.body?.type !== 'BlockStatement') {
    addTodo(j, exported, 'this API route is not a plain `(req, res)` handler: write its route handler (`export async function GET(request)` …) by hand');
    return printSource(root, file.source, file.path);
  }
  const [requestParam, responseParam] = (handler.params ?? []) as Array<Node & { name?: string }>;
  const request = requestParam?.type === 'Identifier' ? requestParam.name! : null;
  const response = responseParam?.type === 'Identifier' ? responseParam.name! : null;
  if (!request || !response) {
    addTodo(j, exported, 'the handler does not take `(req, res)`: write its route handler by hand');
    return printSource(root, file.source, file.path);
  }
  const split = splitByMethod((handler.body as { body: Node[] }).body, request);
  if (!split) {
    addTodo(j, exported, 'the handler branches on `req.method` in a way that cannot be split safely: write one exported function per method by hand');
    return printSource(root, file.source, file.path);
  }
  const typescript = isTypeScript(file.path);
  const route = options.route ?? '/api';
  const hasParams = routeParams(route).length > 0;
  const branches = split.branches.length > 0 ? split.branches : [{ methods: METHODS, body: split.trailing }];
  const respondsWith405 = (nodes: Node[]) => nodes.length === 0 || nodes.map((n) => j(n as never).toSource()).join('\n').includes('405');
  const leftover = split.branches.length > 0 && !respondsWith405(split.trailing);

  const functions: string[] = [];
  const exportsOf = new Map<string, string>();
  let revalidates = false;
  for (const branch of branches) {
    const name = branch.methods.length === 1 || split.branches.length > 0 ? branch.methods[0]! : 'handler';
    const signature = `${typescript ? 'request: NextRequest' : 'request'}${hasParams ? `, { params }${typescript ? `: { params: Promise<${paramsTypeOf(route)}> }` : ''}` : ''}`;
    const text = `${name === 'handler' ? '' : 'export '}async function ${name}(${signature}) {\n${branch.body.map((s) => moved(file.source, s, '  ')).join('\n')}\n}`;
    const converted = convertBody(j, text, request, response, hasParams);
    revalidates ||= converted.revalidates;
    functions.push(converted.code);
    for (const method of branch.methods.slice(name === 'handler' ? 0 : 1)) exportsOf.set(method, name);
  }
  const aliases = [...exportsOf].filter(([method, name]) => method !== name);
  const exportAliases = aliases.length > 0 ? `\nexport { ${aliases.map(([method, name]) => `${name} as ${method}`).join(', ')} };` : '';

  // Rebuild the module: its imports and other code, then the methods.
  const program = root.find(j.Program).get().node as { body: Node[] };
  program.body = program.body.filter((node) => node !== exported.node && node !== handlerStatement?.node);
  let configTodo = false;
  root.find(j.ExportNamedDeclaration).forEach((p: ASTPath) => {
    const declaration = (p.node as { declaration?: Node & { declarations?: Array<{ id: Identifier }> } }).declaration;
    if (declaration?.type === 'VariableDeclaration' && declaration.declarations?.[0]?.id.name === 'config') {
      j(p).remove();
      configTodo = true;
    }
  });
  addImport(j, root, 'next/server', 'NextResponse');
  if (typescript) addTypeImport(j, root, 'next/server', 'NextRequest');
  if (revalidates) addImport(j, root, 'next/cache', 'revalidatePath');
  root.find(j.ImportDeclaration, { source: { value: 'next' } }).forEach((p: ASTPath) => {
    const node = p.node as { specifiers?: Array<Node & { imported?: Identifier }> };
    node.specifiers = (node.specifiers ?? []).filter((s) => !(s.type === 'ImportSpecifier' && ['NextApiRequest', 'NextApiResponse', 'NextApiHandler'].includes(s.imported?.name ?? '')));
    if (node.specifiers.length === 0) j(p).remove();
  });
  const notes = [
    configTodo ? `// TODO(shipshape): \`export const config\` (API route config such as \`bodyParser\`) has no route handler equivalent: read the raw body with \`await request.text()\` where it was turned off` : '',
    leftover ? '// TODO(shipshape): the handler answered other methods after its branches: that code was not kept, Next.js answers them with 405' : '',
  ].filter(Boolean);
  const head = printSource(root, file.source, file.path).trimEnd();
  const code = [head, ...notes.map((n, i) => (i === 0 ? `\n${n}` : n)), `${notes.length > 0 ? '' : '\n'}${functions.join('\n\n')}${exportAliases}`].join('\n');
  return `${code.replace(/^\n+/, '')}\n`;
}

/** Rewrites one method's body from `(req, res)` to a Web `Request` and returned `NextResponse`s, as text edits so the code keeps its layout. */
function convertBody(j: JSCodeshift, original: string, request: string, response: string, hasParams: boolean): { code: string; revalidates: boolean } {
  const needs = { query: false, body: false, headers: false };
  let revalidates = false;
  let defaultStatus: string | null = null;
  const at = (node: Node) => node as Node & { start: number; end: number };
  const isRequest = (node: Node) => node.type === 'Identifier' && (node as Identifier).name === request;
  const isResponse = (node: Node) => node.type === 'Identifier' && (node as Identifier).name === response;
  // Three passes, each over the text the one before wrote, so no edit lands inside another.
  let text = original;
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

  // Reads of the request.
  root.find(j.MemberExpression).filter((p: ASTPath) => isRequest((p.node as { object: Node }).object)).forEach((p: ASTPath) => {
    const key = memberKey(p.node as never);
    const parent = p.parent.node;
    const inner = parent.type === 'MemberExpression' && parent.object === p.node ? memberKey(parent) : null;
    const replace = (node: Node, code: string) => {
      edits.replace(at(node).start, at(node).end, code);
      handled.add((p.node as { object: Node }).object);
    };
    if (key === 'query') {
      needs.query = true;
      replace(p.node, 'query');
    } else if (key === 'body') {
      needs.body = true;
      replace(p.node, 'body');
    } else if (key === 'method') replace(p.node, 'request.method');
    else if (key === 'url') replace(p.node, '(request.nextUrl.pathname + request.nextUrl.search)');
    else if (key === 'headers' && inner) replace(parent, `request.headers.get('${inner.toLowerCase()}')`);
    else if (key === 'cookies' && inner) replace(parent, `request.cookies.get('${inner}')?.value`);
    else if (key === 'cookies') replace(p.node, 'Object.fromEntries(request.cookies.getAll().map((cookie) => [cookie.name, cookie.value]))');
    else if (key === 'headers') replace(p.node, 'Object.fromEntries(request.headers)');
  });

  nextPass();
  const responseCalls = (method: string) =>
    root.find(j.CallExpression).filter((p: ASTPath<CallExpression>) => p.node.callee.type === 'MemberExpression' && isResponse((p.node.callee as { object: Node }).object) && memberKey(p.node.callee as never) === method);
  // Headers set before responding.
  responseCalls('setHeader').forEach((p: ASTPath<CallExpression>) => {
    const [name, value] = p.node.arguments as Node[];
    if (!name || !value) return;
    needs.headers = true;
    const valueCode = value.type === 'ArrayExpression' ? `${source(value)}.join(', ')` : value.type === 'StringLiteral' || value.type === 'TemplateLiteral' ? source(value) : `String(${source(value)})`;
    edits.replace(at(p.node).start, at(p.node).end, `headers.set(${source(name)}, ${valueCode})`);
    handled.add((p.node.callee as { object: Node }).object);
  });
  // `res.statusCode = 401` before the response: the response takes that status.
  const statusAssignments = root.find(j.AssignmentExpression).filter((p: ASTPath) => {
    const left = (p.node as Node).left;
    return left.type === 'MemberExpression' && isResponse(left.object) && memberKey(left) === 'statusCode' && p.parent.node.type === 'ExpressionStatement';
  });
  if (statusAssignments.length === 1) {
    const assignment = statusAssignments.paths()[0]!;
    defaultStatus = source((assignment.node as Node).right);
    const statement = assignment.parent.node as Node;
    const lineStart = text.lastIndexOf('\n', at(statement).start) + 1;
    edits.replace(lineStart, at(statement).end + (text[at(statement).end] === '\n' ? 1 : 0), '');
    handled.add((assignment.node as Node).left.object);
  }
  responseCalls('revalidate').forEach((p: ASTPath<CallExpression>) => {
    const callee = p.node.callee as Node;
    edits.replace(at(callee).start, at(callee).end, 'revalidatePath');
    handled.add((p.node.callee as { object: Node }).object);
    revalidates = true;
  });

  const converted = new Set(['setHeader', 'revalidate']);
  nextPass();
  // Responses: the outermost call of each `res.…` chain.
  root.find(j.CallExpression).filter((p: ASTPath<CallExpression>) => {
    let object: Node = p.node.callee;
    while (object.type === 'MemberExpression' || object.type === 'CallExpression') object = (object as { object?: Node; callee?: Node }).object ?? (object as { callee: Node }).callee;
    if (!isResponse(object) || handled.has(object)) return false;
    const parent = p.parent.node;
    return !(parent.type === 'MemberExpression' && parent.object === p.node);
  }).forEach((p: ASTPath<CallExpression>) => {
    let object: Node = p.node.callee;
    while (object.type === 'MemberExpression' || object.type === 'CallExpression') object = (object as { object?: Node; callee?: Node }).object ?? (object as { callee: Node }).callee;
    const statement = p.parent;
    const replacement = responseFor(source, p.node, needs.headers, defaultStatus);
    const insideCallback = j(p).closest(j.Function).paths()[0]?.node !== fn.node;
    if (!replacement || insideCallback) return;
    handled.add(object);
    if (statement.node.type === 'ExpressionStatement') {
      edits.replace(at(statement.node).start, at(statement.node).end, `return ${replacement};`);
      // A bare `return;` right after the response is now unreachable.
      const list = (statement.parent.node as { body?: Node[] }).body;
      const next = Array.isArray(list) ? list[list.indexOf(statement.node) + 1] : undefined;
      if (next?.type === 'ReturnStatement' && !(next as { argument: Node | null }).argument) {
        const lineStart = text.lastIndexOf('\n', at(next).start) + 1;
        edits.replace(lineStart, at(next).end + (text[at(next).end] === '\n' ? 1 : 0), '');
      }
    } else {
      edits.replace(at(p.node).start, at(p.node).end, replacement);
    }
  });

  // What is left of req and res.
  root.find(j.Identifier).filter((p: ASTPath) => {
    const name = (p.node as Identifier).name;
    const parent = p.parent.node;
    if (parent.type === 'MemberExpression' && parent.object === p.node && converted.has(memberKey(parent) ?? '')) return false;
    if (parent.type === 'MemberExpression' && parent.property === p.node && !parent.computed) return false;
    if (p.parent.parent?.node === fn.node || parent === fn.node) return false;
    return (name === response || name === request) && !handled.has(p.node);
  }).forEach((p: ASTPath) => {
    const start = statementStart(j, p);
    if (start !== null) edits.todoAbove(start, `\`${(p.node as Identifier).name}\` is the Pages Router's request or response here: rewrite this for the Web \`Request\` and a returned \`NextResponse\``);
  });

  const preamble: string[] = [];
  if (needs.query) preamble.push(`const query = { ...Object.fromEntries(request.nextUrl.searchParams)${hasParams ? ', ...(await params)' : ''} };`);
  if (needs.body) preamble.push('const body = await request.json();');
  if (needs.headers) preamble.push('const headers = new Headers();');
  const bodyStart = at(fn.node.body as Node).start + 1;
  if (preamble.length > 0) edits.insert(bodyStart, `\n${preamble.map((line) => `  ${line}`).join('\n')}`);
  return { code: edits.apply(), revalidates };
}

/** `res.status(404).json(x)` → `NextResponse.json(x, { status: 404 })`, and the rest of the chain family; as code, or null. */
function responseFor(source: (node: Node) => string, call: CallExpression, withHeaders: boolean, defaultStatus: string | null): string | null {
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
  const init = [status ? `status: ${status}` : '', withHeaders ? 'headers' : ''].filter(Boolean);
  const initCode = init.length > 0 ? `, { ${init.join(', ')} }` : '';
  const [first, second] = last.args.map(source);
  const arg = last.args[0];
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
      const redirectInit = withHeaders ? `, { status: ${code ?? 307}, headers }` : code ? `, ${code}` : '';
      return `NextResponse.redirect(new URL(${url}, request.url)${redirectInit})`;
    }
    default:
      return null;
  }
}
