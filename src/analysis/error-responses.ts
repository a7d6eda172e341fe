import type { CatchClause, Expression, Identifier, Node, Program, Statement } from '@babel/types';
import { memberName, propertyName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { calleeName, onlyParses, someNode } from './error-handling.ts';
import type { RequestHandler } from './request-handlers.ts';

/** What of an error a response carries: its stack, its message (or text), or the whole object. */
export type LeakKind = 'stack' | 'message' | 'object';

export interface ErrorLeak {
  kind: LeakKind;
  /** The expression in the response that carries the error: `err.message`, `{ error }`'s `error`, `String(err)`. */
  node: Expression;
  /** The error's local name. */
  error: string;
  /** The whole body of the response the leak sits in. */
  body: Expression;
  /** The status the response answers with: a number, 200 when none is set, null when it is computed or a server action's. */
  status: number | null;
  /** The statement that sends the response, where a log line goes before it. */
  statement: Statement;
  /** The statement's parent: a block, or a brace-less `if`/loop that needs braces for a second statement. */
  inBlock: boolean;
  /** The handler the response belongs to, when the file's handlers say so. */
  handler: RequestHandler | null;
  /** The block the error's name is visible in: the catch's body, or the block that destructured it. */
  scope: Node;
  /** The catch clause the error was caught by; null for an `{ error }` from an SDK result. */
  clause: CatchClause | null;
  /** A class of the handler's own that the try block throws, whose message is for the caller. */
  ownErrorClass: string | null;
}

/** Error classes of libraries whose messages describe their internals (SQL, hosts, keys), never the caller's mistake. */
const LIBRARY_ERROR =
  /Prisma|Postgrest|Supabase|Database|Query|Pg|Postgres|Mongo|Sequelize|Drizzle|Stripe|OpenAI|Anthropic|Axios|Fetch|Network|Type|Reference|Syntax|Range/;
/** Error classes named for the caller's mistake: their message is meant for the caller. */
const VALIDATION_ERROR =
  /Zod|Valid|Input|BadRequest|Http|User|Form|Schema|Forbidden|NotFound|Unauthori[sz]ed|Conflict|Public|Client|Api|App|Custom/;

/** Members that carry an error's text: `message`, Supabase's `details` and `hint`, `stack`. */
const TEXT_MEMBERS: Record<string, LeakKind> = { message: 'message', details: 'message', hint: 'message', stack: 'stack', cause: 'object' };
/** Calls that are SDK results whose `{ error }` is for the signed-in user (`supabase.auth.signUp`) or the caller's input (`safeParse`). */
const USER_FACING_RESULT = /\.auth\.|safeParse|validate/;

const STRIP = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'AwaitExpression']);
const unwrap = (node: Node): Node =>
  STRIP.has(node.type)
    ? unwrap((node as { expression?: Node; argument?: Node }).expression ?? (node as { argument: Node }).argument)
    : node;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);
const BLOCK_PARENTS = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock']);

/** `err instanceof ValidationError`, `err instanceof z.ZodError`, `err.name === 'ZodError'`: the class a test narrows the error to. */
function narrowedClass(test: Node, error: string): string | null {
  const node = unwrap(test);
  if (node.type === 'BinaryExpression' && node.operator === 'instanceof' && unwrap(node.left).type === 'Identifier') {
    if ((unwrap(node.left) as { name: string }).name !== error) return null;
    const right = node.right;
    return right.type === 'Identifier' ? right.name : memberName(right);
  }
  if (node.type === 'BinaryExpression' && (node.operator === '===' || node.operator === '==') && node.right.type === 'StringLiteral') {
    const left = unwrap(node.left);
    if (memberName(left) === 'name' && (left as { object: Node }).object.type === 'Identifier') return node.right.value;
  }
  if (node.type === 'LogicalExpression' && node.operator === '&&')
    return narrowedClass(node.left, error) ?? narrowedClass(node.right, error);
  return null;
}

/** Whether a class is the caller's-mistake kind: named so, or thrown by the handler's own code. */
export function isValidationClass(name: string | null, ownClasses: ReadonlySet<string>): boolean {
  if (!name || name === 'Error' || LIBRARY_ERROR.test(name)) return false;
  return ownClasses.has(name) || VALIDATION_ERROR.test(name);
}

/** A parameter named like an error (`error`, `err`) or typed as one (`PostgrestError`): a bare `e` is as often an event or an item. */
function isErrorParameter(param: Identifier): boolean {
  if (/^(err|error)$/.test(param.name)) return true;
  const annotation = param.typeAnnotation?.type === 'TSTypeAnnotation' ? param.typeAnnotation.typeAnnotation : null;
  return annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && /Error$/.test(annotation.typeName.name);
}

interface Binding {
  name: string;
  /** The block the name is visible in. */
  scope: Node;
  clause: CatchClause | null;
}

interface Response {
  body: Expression;
  status: number | null;
  statement: Statement;
  inBlock: boolean;
  ancestors: Node[];
}

/** The status an init object (`{ status: 500 }`) sets: 200 when absent, null when computed. */
function initStatus(init: Node | undefined): number | null {
  if (!init) return 200;
  if (init.type !== 'ObjectExpression') return null;
  const status = init.properties.find((property) => propertyName(property) === 'status');
  if (!status) return 200;
  const value = status.type === 'ObjectProperty' ? status.value : null;
  return value?.type === 'NumericLiteral' ? value.value : null;
}

/** `res.status(500).json(body)`: the status the chain sets before the body, 200 when none. */
function chainStatus(callee: Node): number | null {
  const object = (callee as { object?: Node }).object;
  if (object?.type === 'CallExpression' && calleeName(object) === 'status') {
    const value = object.arguments[0];
    return value?.type === 'NumericLiteral' ? value.value : null;
  }
  return 200;
}

const rootName = (node: Node): string | null => {
  let current: Node = node;
  while (current.type === 'MemberExpression' || current.type === 'CallExpression')
    current = current.type === 'CallExpression' ? current.callee : current.object;
  return current.type === 'Identifier' ? current.name : null;
};

/** The Pages API response object's name in a function: its second parameter, after a request. */
function responseParam(fn: Node): string | null {
  const params = (fn as { params?: Node[] }).params ?? [];
  const second = params[1];
  return second?.type === 'Identifier' ? second.name : null;
}

/** The body a node sends as a response, if it sends one. */
function responseBody(node: Node, ancestors: readonly Node[], actions: ReadonlySet<Node>): { body: Node; status: number | null } | null {
  if (node.type === 'ReturnStatement' && node.argument) {
    const fn = [...ancestors].reverse().find((ancestor) => FUNCTION_TYPES.has(ancestor.type));
    return fn && actions.has(fn) ? { body: node.argument, status: null } : null;
  }
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && /^(Next)?Response$/.test(node.callee.name) && node.arguments[0])
    return { body: node.arguments[0], status: initStatus(node.arguments[1]) };
  if (node.type !== 'CallExpression' || !node.arguments[0]) return null;
  const name = calleeName(node);
  const callee = node.callee;
  if (
    name === 'json' &&
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    /^(Next)?Response$/.test(callee.object.name)
  )
    return { body: node.arguments[0], status: initStatus(node.arguments[1]) };
  if (name !== 'json' && name !== 'send' && name !== 'end') return null;
  const root = rootName(callee);
  const fn = [...ancestors].reverse().find((ancestor) => FUNCTION_TYPES.has(ancestor.type));
  if (!root || !fn || responseParam(fn) !== root) return null;
  return { body: node.arguments[0], status: chainStatus(callee) };
}

function enclosingStatement(ancestors: readonly Node[], node: Node): { statement: Statement; inBlock: boolean } | null {
  const chain = [...ancestors, node];
  for (let i = chain.length - 1; i > 0; i--) {
    const parent = chain[i - 1]!;
    const current = chain[i]!;
    if (FUNCTION_TYPES.has(current.type)) return null;
    if (/Statement$|Declaration$/.test(current.type) && current.type !== 'BlockStatement')
      return { statement: current as Statement, inBlock: BLOCK_PARENTS.has(parent.type) };
  }
  return null;
}

/** Every response in a module that carries an error's stack, message or whole object to the caller. */
export function errorLeaks(program: Program, handlers: readonly RequestHandler[]): ErrorLeak[] {
  const actions = new Set<Node>(handlers.filter((handler) => handler.kind === 'server-action').map((handler) => handler.fn));
  const bindings: Binding[] = [];
  const declarators: Array<{ name: string; init: Node; scope: Node; start: number }> = [];
  const responses: Response[] = [];
  const ownClasses = new Set<string>();

  forEachNode(program, (node, ancestors) => {
    if (node.type === 'CatchClause' && node.param?.type === 'Identifier')
      bindings.push({ name: node.param.name, scope: node.body, clause: node });
    if (FUNCTION_TYPES.has(node.type)) {
      // A helper that turns an error into a response: `function handleError(error: PostgrestError) { … }`.
      for (const param of (node as { params: Node[] }).params) {
        if (param.type === 'Identifier' && isErrorParameter(param))
          bindings.push({ name: param.name, scope: (node as { body: Node }).body, clause: null });
      }
    }
    if (node.type === 'ThrowStatement' && node.argument.type === 'NewExpression' && node.argument.callee.type === 'Identifier')
      ownClasses.add(node.argument.callee.name);
    if (node.type === 'ClassDeclaration' && node.id && node.superClass) ownClasses.add(node.id.name);
    if (node.type === 'VariableDeclarator' && node.init) {
      const scope = [...ancestors].reverse().find((ancestor) => BLOCK_PARENTS.has(ancestor.type))!;
      if (node.id.type === 'Identifier') declarators.push({ name: node.id.name, init: node.init, scope, start: node.start! });
      const init = unwrap(node.init);
      if (node.id.type === 'ObjectPattern' && init.type === 'CallExpression') {
        const calleeText = textOfCallee(init.callee);
        if (USER_FACING_RESULT.test(calleeText)) return;
        for (const property of node.id.properties) {
          if (property.type === 'ObjectProperty' && propertyName(property) === 'error' && property.value.type === 'Identifier')
            bindings.push({ name: property.value.name, scope, clause: null });
        }
      }
    }
    const response = responseBody(node, ancestors, actions);
    if (!response) return;
    const statement = enclosingStatement(ancestors, node);
    if (statement)
      responses.push({ body: response.body as Expression, status: response.status, ...statement, ancestors: [...ancestors, node] });
  });
  if (bindings.length === 0) return [];

  const leaks: ErrorLeak[] = [];
  for (const response of responses) {
    const inScope = new Set(response.ancestors);
    const errors = new Map<string, Binding>();
    for (const binding of bindings) if (inScope.has(binding.scope)) errors.set(binding.name, binding);
    if (errors.size === 0) continue;
    const aliases = new Map<string, { kind: LeakKind; error: string }>();
    const guarded = guardedNames(response.ancestors, errors, ownClasses);
    const find = (expression: Node) => leaksIn(expression, errors, aliases, guarded, ownClasses);
    for (const declarator of declarators) {
      if (!inScope.has(declarator.scope) || declarator.start > response.statement.start!) continue;
      const init = unwrap(declarator.init);
      if (init.type === 'Identifier' && errors.has(init.name)) errors.set(declarator.name, errors.get(init.name)!);
      else {
        const found = find(declarator.init)[0];
        if (found) aliases.set(declarator.name, { kind: found.kind, error: found.error });
      }
    }
    for (const found of find(response.body)) {
      const binding = errors.get(found.error) ?? null;
      const tryBlock = binding?.clause
        ? (response.ancestors.find((node) => node.type === 'TryStatement' && node.handler === binding.clause) as
            { block: Node } | undefined)
        : undefined;
      if (tryBlock && onlyParses(tryBlock.block)) continue;
      const ownErrorClass = tryBlock ? thrownValidationClass(tryBlock.block, ownClasses) : null;
      leaks.push({
        kind: found.kind,
        node: found.node,
        error: found.error,
        body: response.body,
        status: response.status,
        statement: response.statement,
        inBlock: response.inBlock,
        handler: handlers.find((handler) => inScope.has(handler.fn)) ?? null,
        scope: binding?.scope ?? response.ancestors[0]!,
        clause: binding?.clause ?? null,
        ownErrorClass,
      });
    }
  }
  return leaks;
}

function textOfCallee(node: Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression')
    return `${textOfCallee(node.object)}.${memberName(node) ?? ''}`;
  if (node.type === 'CallExpression') return `${textOfCallee(node.callee)}()`;
  return '';
}

/** The errors an `if (err instanceof ValidationError)` around the response narrows to the caller's-mistake kind. */
function guardedNames(ancestors: readonly Node[], errors: ReadonlyMap<string, Binding>, ownClasses: ReadonlySet<string>): Set<string> {
  const guarded = new Set<string>();
  for (let i = 0; i < ancestors.length - 1; i++) {
    const node = ancestors[i]!;
    if (node.type !== 'IfStatement' || ancestors[i + 1] !== node.consequent) continue;
    for (const name of errors.keys()) if (isValidationClass(narrowedClass(node.test, name), ownClasses)) guarded.add(name);
  }
  return guarded;
}

/** The class the try block throws itself, when the handler declares or names it as the caller's-mistake kind. */
function thrownValidationClass(block: Node, ownClasses: ReadonlySet<string>): string | null {
  let found: string | null = null;
  forEachNode(block, (node) => {
    if (found || node.type !== 'ThrowStatement' || node.argument.type !== 'NewExpression' || node.argument.callee.type !== 'Identifier')
      return;
    if (isValidationClass(node.argument.callee.name, ownClasses)) found = node.argument.callee.name;
  });
  return found;
}

interface Found {
  kind: LeakKind;
  node: Expression;
  error: string;
}

/** The error-carrying expressions in a response body: through objects, arrays, templates, `+`, `||` and `?:`, not into other calls. */
function leaksIn(
  root: Node,
  errors: ReadonlyMap<string, Binding>,
  aliases: ReadonlyMap<string, { kind: LeakKind; error: string }>,
  guarded: ReadonlySet<string>,
  ownClasses: ReadonlySet<string>,
): Found[] {
  const found: Found[] = [];
  const errorName = (node: Node): string | null => {
    const inner = unwrap(node);
    return inner.type === 'Identifier' && errors.has(inner.name) && !guarded.has(inner.name) ? inner.name : null;
  };
  // `err.message || String(err)` is one leak: the expression that picks between its parts.
  const composite = (node: Node, parts: readonly Node[], stringified = false) => {
    const before = found.length;
    for (const part of parts) visit(part);
    if (found.length === before) return;
    const inner = found.splice(before);
    const strongest = inner.find((leak) => leak.kind === 'stack') ?? inner.find((leak) => leak.kind === 'object');
    const kind = strongest?.kind === 'object' && stringified ? 'message' : (strongest?.kind ?? 'message');
    found.push({ kind, node: node as Expression, error: inner[0]!.error });
  };
  const visit = (node: Node): void => {
    const inner = unwrap(node);
    const name = errorName(inner);
    if (name) return void found.push({ kind: 'object', node: node as Expression, error: name });
    switch (inner.type) {
      case 'Identifier': {
        const alias = aliases.get(inner.name);
        if (alias && !guarded.has(alias.error)) found.push({ ...alias, node: node as Expression });
        return;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const member = memberName(inner);
        const owner = errorName(inner.object);
        if (owner && member && TEXT_MEMBERS[member]) found.push({ kind: TEXT_MEMBERS[member]!, node: node as Expression, error: owner });
        return;
      }
      case 'CallExpression': {
        const callee = calleeName(inner);
        const argument = inner.arguments[0];
        if ((callee === 'String' || callee === 'stringify') && argument) {
          const owner = errorName(argument);
          if (owner) found.push({ kind: callee === 'String' ? 'message' : 'object', node: node as Expression, error: owner });
          // `JSON.stringify(err.message)` is one leak, the call, as what replaces it is text already; an object's keys stay.
          else if (unwrap(argument).type === 'ObjectExpression' || unwrap(argument).type === 'ArrayExpression') visit(argument);
          else composite(node, [argument], true);
        }
        if (callee === 'toString' && inner.callee.type === 'MemberExpression') {
          const owner = errorName(inner.callee.object);
          if (owner) found.push({ kind: 'message', node: node as Expression, error: owner });
        }
        return;
      }
      case 'ObjectExpression':
        for (const property of inner.properties) {
          if (property.type === 'SpreadElement') visit(property.argument);
          else if (property.type === 'ObjectProperty') visit(property.value);
        }
        return;
      case 'ArrayExpression':
        for (const element of inner.elements) if (element) visit(element);
        return;
      case 'TemplateLiteral':
        return composite(node, inner.expressions, true);
      case 'BinaryExpression':
      case 'LogicalExpression':
        return composite(node, [inner.left, inner.right], inner.type === 'BinaryExpression');
      case 'ConditionalExpression': {
        const narrowed = [...errors.keys()].some((error) => isValidationClass(narrowedClass(inner.test, error), ownClasses));
        const branches = narrowed ? [inner.alternate] : [inner.consequent, inner.alternate];
        // Branches that render the error two ways (`err instanceof Error ? err.message : 'failed'`) are one
        // leak; a test about something else (`model === 'dall-e-3' ? '…' : err.message`) leaves the other branch its words.
        if (someNode(inner.test, (n) => n.type === 'Identifier' && errors.has(n.name))) return composite(node, branches);
        for (const branch of branches) visit(branch);
        return;
      }
      default:
        return;
    }
  };
  visit(root);
  return found;
}

/** Whether a block logs the error by name already (`console.error('…', err)`), so a fix adds no second line. */
export function logsError(block: Node, error: string): boolean {
  return someNode(
    block,
    (node) =>
      (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') &&
      /log|warn|error|report|capture/i.test(calleeName(node) ?? '') &&
      node.arguments.some((argument) => someNode(argument, (inner) => inner.type === 'Identifier' && inner.name === error)),
  );
}
