import type {
  ArrowFunctionExpression,
  File as BabelFile,
  FunctionDeclaration,
  FunctionExpression,
  LVal,
  Node,
  Program,
  Statement,
} from '@babel/types';
import type { Project } from '../project/types.ts';
import { forEachNode } from '../engine/walk.ts';
import { appEntry, pagesEntry, routerDirsFor } from './next-routes.ts';

export type HandlerFunction = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

/** A Pages Router API route, an App Router route handler, or a server action (a module's or an inline `'use server'`). */
export type HandlerKind = 'pages-api' | 'route-handler' | 'server-action';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface RequestHandler {
  kind: HandlerKind;
  /** `GET`, `POST`… for a route handler or a next-connect chain; null for a Pages API handler (every method) and a server action (always a POST). */
  method: string | null;
  /** The exported name (`default`, `POST`, `deletePost`), or the local name of an inline server action. */
  name: string;
  /** The URL it answers (`/api/posts/[id]`); null for a server action, which has none of its own. */
  route: string | null;
  /** The function that runs per request, found through wrappers and local bindings. */
  fn: HandlerFunction;
  /** Callee names of the calls the function is wrapped in, outermost first: `withAuth(handler)` → `['withAuth']`. */
  wrappers: string[];
  /** The request parameter's name (`req`, `request`), when it is a plain identifier. */
  request: string | null;
  /** The Pages API response parameter's name (`res`). */
  response: string | null;
  /** Every name the parameters bind: for a server action, all of them are the caller's. */
  params: string[];
  line: number;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const isHandlerFunction = (node: Node | null | undefined): node is HandlerFunction => !!node && FUNCTION_TYPES.has(node.type);
const CONNECT_METHODS = new Set(['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'all', 'handler']);

/**
 * Whether `requestHandlers` can find anything in the file, from its path and text alone: an API route, a
 * route handler, or a module with a `'use server'` directive or an inline server action. A check that
 * looks only at handlers skips every other file unparsed.
 */
export function mayDefineRequestHandlers(text: string, project: Project, file: string): boolean {
  if (text.includes('use server')) return true;
  const dirs = routerDirsFor(project, file);
  return (!!dirs?.pages && pagesEntry(dirs.pages, file)?.kind === 'api') || (!!dirs?.app && appEntry(dirs.app, file)?.kind === 'route');
}

/** Every request handler a file defines, in source order. */
export function requestHandlers(file: string, ast: BabelFile, project: Project): RequestHandler[] {
  const program = ast.program;
  const dirs = routerDirsFor(project, file);
  const pages = dirs?.pages ? pagesEntry(dirs.pages, file) : null;
  const app = dirs?.app ? appEntry(dirs.app, file) : null;
  const found: RequestHandler[] = [];
  const scope = topLevelBindings(program);
  if (pages?.kind === 'api') {
    for (const resolved of exportedValue(program, 'default', scope)) found.push(handler('pages-api', 'default', pages.route, resolved));
  } else if (app?.kind === 'route') {
    for (const method of HTTP_METHODS) {
      for (const resolved of exportedValue(program, method, scope))
        found.push(handler('route-handler', method, app.route, { ...resolved, method }));
    }
  }
  if (hasDirective(program.directives, 'use server')) {
    for (const name of exportedNames(program)) {
      for (const resolved of exportedValue(program, name, scope)) found.push(handler('server-action', name, null, resolved));
    }
  } else {
    for (const inline of inlineServerActions(program))
      found.push(handler('server-action', inline.name, null, { fn: inline.fn, wrappers: [], method: null }));
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * The handlers of a module read on its own, as a file transform reads it: its path tells which router
 * it belongs to when it has the usual shape, and otherwise its exports do (HTTP-method exports make
 * it a route handler, a default export an API route).
 */
export function moduleHandlers(file: string, ast: BabelFile): RequestHandler[] {
  return requestHandlers(routedPath(file, ast.program), ast, ROUTER_PROJECT);
}

const ROUTER_PROJECT = { packages: [{ dir: '', next: { range: null, installed: null }, routers: ['pages', 'app'] }] } as unknown as Project;

function routedPath(file: string, program: Program): string {
  if (/(?:^|\/)(?:src\/)?(?:pages\/api|app)\//.test(file)) return file;
  const methods = program.body.some(
    (s) =>
      s.type === 'ExportNamedDeclaration' &&
      ((s.declaration?.type === 'FunctionDeclaration' && /^(?:GET|POST|PUT|PATCH|DELETE)$/.test(s.declaration.id?.name ?? '')) ||
        (s.declaration?.type === 'VariableDeclaration' &&
          s.declaration.declarations.some((d) => d.id.type === 'Identifier' && /^(?:GET|POST|PUT|PATCH|DELETE)$/.test(d.id.name)))),
  );
  return methods ? 'app/api/handler/route.ts' : 'pages/api/handler.ts';
}

/** The handler whose function holds a node, given the node's ancestors. */
export function enclosingHandler(handlers: readonly RequestHandler[], ancestors: readonly Node[]): RequestHandler | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const match = handlers.find((candidate) => candidate.fn === ancestors[i]);
    if (match) return match;
  }
  return null;
}

interface Resolved {
  fn: HandlerFunction;
  wrappers: string[];
  method: string | null;
}

function handler(kind: HandlerKind, name: string, route: string | null, resolved: Resolved): RequestHandler {
  const [first, second] = resolved.fn.params;
  const params = resolved.fn.params.flatMap((param) => boundNames(param as LVal));
  return {
    kind,
    method: kind === 'server-action' ? null : resolved.method,
    name,
    route,
    fn: resolved.fn,
    wrappers: resolved.wrappers,
    request: kind !== 'server-action' ? identifierName(first) : null,
    response: kind === 'pages-api' ? identifierName(second) : null,
    params,
    line: resolved.fn.loc?.start.line ?? 1,
  };
}

function identifierName(node: Node | undefined): string | null {
  if (!node) return null;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'AssignmentPattern') return identifierName(node.left);
  return null;
}

/** The names a parameter or declaration target binds: `{ id, data: { title } }` → id, title. */
export function boundNames(target: LVal | Node | null | undefined): string[] {
  if (!target) return [];
  switch (target.type) {
    case 'Identifier':
      return [target.name];
    case 'AssignmentPattern':
      return boundNames(target.left);
    case 'RestElement':
      return boundNames(target.argument);
    case 'ObjectPattern':
      return target.properties.flatMap((property) => boundNames(property.type === 'RestElement' ? property : (property.value as LVal)));
    case 'ArrayPattern':
      return target.elements.flatMap((element) => boundNames(element));
    case 'TSParameterProperty':
      return boundNames(target.parameter);
    default:
      return [];
  }
}

function hasDirective(directives: ReadonlyArray<{ value: { value: string } }> | undefined, value: string): boolean {
  return !!directives?.some((directive) => directive.value.value === value);
}

type Scope = Map<string, Node>;

/** Module-level statements that add routes to a router by name (`router.post(fn)`, `handler.use(db).get(fn)`), by that name. */
const routeChains = new WeakMap<Scope, Map<string, Node[]>>();

function chainRoot(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') return chainRoot(node.callee.object);
  return null;
}

/** Top-level functions and `const`s by name, so `export default handler` finds `handler`. */
function topLevelBindings(program: Program): Scope {
  const scope: Scope = new Map();
  for (const statement of program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === 'FunctionDeclaration' && declaration.id) scope.set(declaration.id.name, declaration);
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.init) scope.set(declarator.id.name, declarator.init);
      }
    }
  }
  const chains = new Map<string, Node[]>();
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') continue;
    const root = chainRoot(statement.expression);
    if (root && scope.has(root)) chains.set(root, [...(chains.get(root) ?? []), statement.expression]);
  }
  routeChains.set(scope, chains);
  return scope;
}

function exportedNames(program: Program): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') names.push('default');
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) names.push(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') names.push(declarator.id.name);
    }
    if (!statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ExportSpecifier')
          names.push(specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value);
      }
    }
  }
  return [...new Set(names)];
}

/** The functions behind an export: `export default`, `module.exports =`, `export const POST =`, `export { handler as GET }`. */
function exportedValue(program: Program, name: string, scope: Scope): Resolved[] {
  for (const statement of program.body) {
    const value = exportedNode(statement, name, scope);
    if (value) return resolve(value, scope, [], null, new Set());
  }
  return [];
}

function exportedNode(statement: Statement, name: string, scope: Scope): Node | null {
  if (statement.type === 'ExportDefaultDeclaration') return name === 'default' ? statement.declaration : null;
  if (statement.type === 'ExportNamedDeclaration') {
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id?.name === name) return declaration;
    if (declaration?.type === 'VariableDeclaration') {
      const declarator = declaration.declarations.find((candidate) => candidate.id.type === 'Identifier' && candidate.id.name === name);
      if (declarator?.init) return declarator.init;
    }
    if (statement.source) return null;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ExportSpecifier') continue;
      const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
      if (exported === name) return scope.get(specifier.local.name) ?? null;
    }
    return null;
  }
  if (name === 'default' && statement.type === 'ExpressionStatement') {
    const expression = statement.expression;
    if (expression.type === 'AssignmentExpression' && isModuleExports(expression.left)) return expression.right;
  }
  return null;
}

function isModuleExports(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'exports'
  );
}

/** Follows local names, wrapper calls and next-connect chains (`nc().get(fn).post(fn)`) to the functions that run. */
function resolve(node: Node, scope: Scope, wrappers: string[], method: string | null, seen: Set<Node>): Resolved[] {
  if (seen.has(node)) return [];
  seen.add(node);
  if (isHandlerFunction(node)) return [{ fn: node, wrappers, method }];
  switch (node.type) {
    case 'Identifier': {
      const bound = scope.get(node.name);
      const chained = (routeChains.get(scope)?.get(node.name) ?? []).flatMap((chain) => resolve(chain, scope, wrappers, method, seen));
      return [...(bound ? resolve(bound, scope, wrappers, method, seen) : []), ...chained];
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return resolve(node.expression, scope, wrappers, method, seen);
    case 'CallExpression': {
      const callee = node.callee;
      if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && CONNECT_METHODS.has(callee.property.name)) {
        const verb = callee.property.name;
        const own = node.arguments.flatMap((argument) =>
          resolve(argument, scope, wrappers, ['all', 'handler'].includes(verb) ? method : verb.toUpperCase(), seen),
        );
        return [...resolve(callee.object, scope, wrappers, method, seen), ...own];
      }
      const wrapper = calleeName(callee);
      for (const argument of node.arguments) {
        const inner = resolve(argument, scope, wrapper ? [...wrappers, wrapper] : wrappers, method, seen);
        if (inner.length) return inner;
      }
      return [];
    }
    default:
      return [];
  }
}

function calleeName(callee: Node): string | null {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
    const object = calleeName(callee.object);
    return object ? `${object}.${callee.property.name}` : callee.property.name;
  }
  if (callee.type === 'CallExpression') return calleeName(callee.callee);
  return null;
}

/** Functions whose own body starts with `'use server'`, in a module that is not itself a server-action module. */
function inlineServerActions(program: Program): Array<{ name: string; fn: HandlerFunction }> {
  const found: Array<{ name: string; fn: HandlerFunction }> = [];
  forEachNode(program, (node, ancestors) => {
    if (isHandlerFunction(node) && node.body.type === 'BlockStatement' && hasDirective(node.body.directives, 'use server')) {
      found.push({ name: functionName(node, ancestors.at(-1) ?? null), fn: node });
    }
  });
  return found;
}

function functionName(fn: HandlerFunction, parent: Node | null): string {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id) return fn.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'ObjectProperty' && parent.key.type === 'Identifier') return parent.key.name;
  return 'action';
}
