import type { CallExpression, CatchClause, Node } from '@babel/types';
import { VISITOR_KEYS } from '../engine/visitor-keys.ts';
import { memberName, propertyName } from '../engine/ast.ts';

/** Every node under `root` (itself included), depth first; `enter` answering false skips a node's children. */
export function visitNodes(root: Node, enter: (node: Node) => boolean | void): void {
  const visit = (node: Node): void => {
    if (enter(node) === false) return;
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item === 'object' && 'type' in item) visit(item as Node);
      } else if (child && typeof child === 'object' && 'type' in child) visit(child as Node);
    }
  };
  visit(root);
}

export function someNode(root: Node, test: (node: Node) => boolean): boolean {
  let found = false;
  visitNodes(root, (node) => {
    if (found) return false;
    if (test(node)) found = true;
    return !found;
  });
  return found;
}

/** The last name of a callee: `console.error` → `error`, `Sentry.captureException` → `captureException`, `log` → `log`. */
export function calleeName(call: CallExpression): string | null {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  return memberName(callee);
}

/** The object a method is called on, when it is a plain name: `console.error` → `console`. */
function calleeObject(call: CallExpression): string | null {
  const callee = call.callee;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.object.type === 'Identifier')
    return callee.object.name;
  return null;
}

const LOGGING_NAME = /log|warn|error|report|capture|track|notify|alert|trace|fatal/i;
const LOGGING_OBJECT = /^(console|logger|log|sentry|bugsnag|rollbar|posthog|datadog|winston|pino|honeybadger|newrelic)$/i;

/** A call that records something for a person to see: `console.error(…)`, `logger.warn(…)`, `Sentry.captureException(…)`, `reportError(…)`. */
export function isLoggingCall(node: Node): boolean {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return false;
  const object = calleeObject(node as CallExpression);
  if (object && LOGGING_OBJECT.test(object)) return true;
  const name = calleeName(node as CallExpression);
  return name !== null && LOGGING_NAME.test(name);
}

const isErrorStatus = (node: Node | null | undefined) => node?.type === 'NumericLiteral' && node.value >= 400 && node.value < 600;

/**
 * Code that tells the caller something failed: an HTTP status of 400 or more (`res.status(500)`,
 * `{ status: 502 }`), an `error` key or `success: false` in what it returns, `notFound()`,
 * `{ notFound: true }` or a redirect, a rejected promise.
 */
export function signalsFailure(node: Node): boolean {
  if (node.type === 'CallExpression') {
    const name = calleeName(node);
    if ((name === 'status' || name === 'sendStatus' || name === 'writeHead') && isErrorStatus(node.arguments[0] as Node)) return true;
    if (name === 'notFound' || name === 'redirect' || name === 'unauthorized' || name === 'forbidden' || name === 'reject') return true;
    if (name === 'exit' && calleeObject(node) === 'process') return true;
  }
  if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && memberName(node.left) === 'statusCode')
    return isErrorStatus(node.right);
  if (node.type !== 'ObjectProperty') return false;
  const key = propertyName(node);
  if (key === 'status' || key === 'statusCode') return isErrorStatus(node.value);
  if (key === 'error' || key === 'errors' || key === 'errorMessage') return true;
  if (key === 'success' || key === 'ok') return node.value.type === 'BooleanLiteral' && !node.value.value;
  if (key === 'notFound') return node.value.type === 'BooleanLiteral' && node.value.value;
  if (key === 'redirect') return true;
  return false;
}

/** Whether the catch's own error binding is read in its body: code that looks at the error handles it. */
export function usesCaughtError(clause: CatchClause): boolean {
  const param = clause.param;
  if (!param) return false;
  if (param.type !== 'Identifier') return true;
  return someNode(clause.body, (node) => node.type === 'Identifier' && node.name === param.name);
}

/** Calls whose failure means "not this kind of input", where a fallback is the answer: parsing, verifying, reading a local file or browser storage. */
const PARSING = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'parseInt',
  'parseFloat',
  'Number',
  'BigInt',
  'URL',
  'decodeURIComponent',
  'decodeURI',
  'atob',
  'btoa',
  'from',
  'verify',
  'decode',
  'jwtVerify',
  'decodeJwt',
  'json',
  'text',
  'formData',
  'Date',
  'validate',
  'validateSync',
  'normalize',
  'stringify',
  'readFile',
  'readFileSync',
  'existsSync',
  'readdir',
  'readdirSync',
  'getItem',
  'setItem',
  'removeItem',
  // String methods that cannot fail on a string: they do not make the block more than a read.
  'replace',
  'replaceAll',
  'split',
  'trim',
  'toLowerCase',
  'toUpperCase',
  'slice',
  'substring',
  'join',
  'includes',
  'startsWith',
  'endsWith',
  'toString',
]);

/** A try block that only parses or verifies values: a fallback in its catch is how such code says "not valid". */
export function onlyParses(block: Node): boolean {
  let other = false;
  visitNodes(block, (node) => {
    if (other) return false;
    if (node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'OptionalCallExpression') {
      const callee = node.callee;
      const name = callee.type === 'Identifier' ? callee.name : memberName(callee as Node);
      if (!name || !PARSING.has(name)) other = true;
    }
    return true;
  });
  return !other;
}
