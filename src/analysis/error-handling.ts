import type { CallExpression, CatchClause, Node, OptionalCallExpression } from '@babel/types';
import { forEachNode } from '../engine/walk.ts';
import { memberName, propertyName } from '../engine/ast.ts';

export function someNode(root: Node, test: (node: Node) => boolean): boolean {
  let found = false;
  forEachNode(root, (node) => {
    if (!found && test(node)) found = true;
  });
  return found;
}

/** Whether an identifier named `name` occurs anywhere under `root`. */
export function mentionsName(root: Node, name: string): boolean {
  return someNode(root, (node) => node.type === 'Identifier' && node.name === name);
}

/** The last name of a callee: `console.error` → `error`, `Sentry.captureException` → `captureException`, `log` → `log`. */
export function calleeName(call: CallExpression | OptionalCallExpression): string | null {
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

/**
 * A try block that only parses, verifies or throws errors of its own: a fallback in its catch is how
 * such code says "not valid", and the only messages it can catch are its own.
 */
export function onlyParses(block: Node): boolean {
  let other = false;
  forEachNode(block, (node, ancestors) => {
    if (other || (node.type !== 'CallExpression' && node.type !== 'NewExpression' && node.type !== 'OptionalCallExpression')) return;
    if (ancestors.some((ancestor) => ancestor.type === 'ThrowStatement')) return;
    const callee = node.callee;
    const name = callee.type === 'Identifier' ? callee.name : memberName(callee as Node);
    if (!name || !PARSING.has(name)) other = true;
  });
  return !other;
}
