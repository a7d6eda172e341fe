import type { Node } from '@babel/types';
import { forEachNode } from '../engine/walk.ts';
import { boundNames, type RequestHandler } from './request-handlers.ts';

/** Where a value the caller controls comes from. `argument` is a server action's parameter. */
export type InputSource = 'body' | 'query' | 'params' | 'form' | 'headers' | 'cookies' | 'url' | 'argument';

export interface CallerInput {
  /** Where the value of an expression comes from, when the caller controls it; null otherwise. */
  sourceOf(node: Node | null | undefined): InputSource | null;
  /** The handler's local names that hold caller input. */
  bindings: ReadonlyMap<string, InputSource>;
}

/** The request's own members: `req.body`, `request.headers`, `req.query`. */
const REQUEST_MEMBERS: Record<string, InputSource> = {
  body: 'body',
  query: 'query',
  headers: 'headers',
  cookies: 'cookies',
  url: 'url',
  nextUrl: 'url',
};

/** `await request.json()` and friends read the body of a route handler's request. */
const REQUEST_READERS: Record<string, InputSource> = { json: 'body', text: 'body', formData: 'form', arrayBuffer: 'body', blob: 'body' };

/** Conversions that keep the caller's value: `Number(id)` is still the caller's id. */
const PASS_THROUGH = new Set(['Number', 'String', 'parseInt', 'parseFloat', 'BigInt', 'decodeURIComponent', 'Boolean', 'JSON.parse']);

/** Calls on next/headers that read the incoming request from anywhere in server code. */
const REQUEST_SCOPED_CALLS: Record<string, InputSource> = { headers: 'headers', cookies: 'cookies' };

/**
 * What in a handler the caller controls: the request's body, query, headers and cookies, the route's params, a server
 * action's arguments, and every local name bound from one of those (`const { id } = await params`).
 */
export function callerInput(handler: RequestHandler): CallerInput {
  const bindings = new Map<string, InputSource>();
  const requestNames = new Set<string>();
  if (handler.kind === 'server-action') {
    for (const name of handler.params) bindings.set(name, 'argument');
  } else {
    if (handler.request) requestNames.add(handler.request);
    seedRouteContext(handler, bindings);
  }

  const sourceOf = (node: Node | null | undefined): InputSource | null => {
    if (!node) return null;
    switch (node.type) {
      case 'Identifier':
        return bindings.get(node.name) ?? null;
      case 'AwaitExpression':
        return sourceOf(node.argument);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
      case 'TypeCastExpression':
        return sourceOf(node.expression);
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const object = node.object;
        const property = !node.computed && node.property.type === 'Identifier' ? node.property.name : null;
        if (object.type === 'Identifier' && requestNames.has(object.name)) return property ? (REQUEST_MEMBERS[property] ?? null) : null;
        const inner = sourceOf(object);
        if (inner && (property === 'searchParams' || property === 'query')) return 'query';
        return inner;
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = node.callee;
        const name = calleeText(callee);
        if (name && PASS_THROUGH.has(name)) return sourceOf(node.arguments[0]);
        if (callee.type === 'Identifier' && REQUEST_SCOPED_CALLS[callee.name] && node.arguments.length === 0)
          return REQUEST_SCOPED_CALLS[callee.name]!;
        if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
          const object = callee.object;
          const method = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
          if (object.type === 'Identifier' && requestNames.has(object.name) && method) return REQUEST_READERS[method] ?? null;
          // `formData.get('id')`, `searchParams.get('page')`, `body.title.trim()`: a value read from input is input.
          return sourceOf(object);
        }
        return null;
      }
      case 'NewExpression':
        // `new URL(request.url)` parses the caller's URL.
        return node.callee.type === 'Identifier' && node.callee.name === 'URL' ? sourceOf(node.arguments[0]) : null;
      case 'TemplateLiteral':
        return firstSource(node.expressions, sourceOf);
      case 'BinaryExpression':
        return node.operator === '+' ? (sourceOf(node.left) ?? sourceOf(node.right)) : null;
      case 'LogicalExpression':
        return sourceOf(node.left) ?? sourceOf(node.right);
      case 'ConditionalExpression':
        return sourceOf(node.consequent) ?? sourceOf(node.alternate);
      default:
        return null;
    }
  };

  // Two passes reach names bound from names bound later in the text (rare, but `let` allows it).
  for (let pass = 0; pass < 2; pass++) {
    forEachNode(handler.fn.body, (node) => {
      if (node.type === 'VariableDeclarator' && node.init) {
        const source = sourceOf(node.init);
        if (source) for (const name of boundNames(node.id)) if (!bindings.has(name)) bindings.set(name, source);
      } else if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'Identifier') {
        const source = sourceOf(node.right);
        if (source && !bindings.has(node.left.name)) bindings.set(node.left.name, source);
      }
    });
  }
  return { sourceOf, bindings };
}

/** A route handler's second parameter: `{ params }`, `{ params: { id } }` or `context`. */
function seedRouteContext(handler: RequestHandler, bindings: Map<string, InputSource>): void {
  const context = handler.kind === 'route-handler' ? handler.fn.params[1] : undefined;
  if (!context) return;
  if (context.type === 'Identifier') {
    bindings.set(`${context.name}`, 'params');
    return;
  }
  for (const name of boundNames(context)) bindings.set(name, 'params');
}

function firstSource(nodes: readonly Node[], sourceOf: (node: Node) => InputSource | null): InputSource | null {
  for (const node of nodes) {
    const source = sourceOf(node);
    if (source) return source;
  }
  return null;
}

function calleeText(callee: Node): string | null {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.property.type === 'Identifier') {
    return `${callee.object.name}.${callee.property.name}`;
  }
  return null;
}
