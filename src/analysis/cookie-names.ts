import type { Expression, Node } from '@babel/types';
import { memberName } from '../engine/ast.ts';
import { staticString } from './imported-bindings.ts';

/** `accessToken`, `next-auth.session-token`, `SESSION_ID` → their lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SESSION_WORDS = new Set([
  'session',
  'sess',
  'sessionid',
  'sid',
  'token',
  'jwt',
  'auth',
  'authtoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'bearer',
]);
/** CSRF tokens are meant to be read by the page's own scripts (the double-submit pattern). */
const READABLE_BY_DESIGN = new Set(['csrf', 'xsrf', 'csrftoken', 'xsrftoken']);

/** Whether a cookie or storage key by this name holds a session or an access token. */
export function isSessionName(name: string): boolean {
  const words = nameWords(name);
  return words.some((word) => SESSION_WORDS.has(word)) && !words.some((word) => READABLE_BY_DESIGN.has(word));
}

/** Words in the names of functions whose result is a signed token or a session id: `signToken`, `new SignJWT`, `sealData`, `createSession`. */
const TOKEN_MAKER_WORDS = new Set(['sign', 'encrypt', 'seal', 'token', 'jwt', 'session']);

/**
 * Whether a value looks like a session or token: a name that says so (`token`, `data.accessToken`), or the result of a call that makes one (`jwt.sign(…)`, `await encrypt(…)`, `createSession(…)`).
 */
export function isSessionValue(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'AwaitExpression') return isSessionValue(node.argument);
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return isSessionValue(node.expression);
  if (node.type === 'Identifier') return isSessionName(node.name);
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
    const property = memberName(node);
    return property !== null && isSessionName(property);
  }
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    const callee = node.callee;
    const name = callee.type === 'Identifier' ? callee.name : memberName(callee);
    if (name && nameWords(name).some((word) => TOKEN_MAKER_WORDS.has(word))) return true;
    return callee.type === 'MemberExpression' && isSessionValue(callee.object);
  }
  return false;
}

/** A cookie name as written: a literal, a module constant holding one, or the name of the env variable that holds it. */
export function cookieName(node: Node | null | undefined, constants: ReadonlyMap<string, Expression>): string | null {
  const literal = staticString(node);
  if (literal !== null) return literal;
  if (node?.type === 'Identifier') {
    const value = staticString(constants.get(node.name));
    return value ?? node.name;
  }
  if (node?.type === 'MemberExpression') return memberName(node);
  return null;
}
