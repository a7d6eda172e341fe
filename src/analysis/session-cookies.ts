import type { CallExpression, Expression, Node, ObjectExpression, Program, StringLiteral, TemplateLiteral } from '@babel/types';
import { memberName } from '../engine/ast.ts';
import {
  calledExport,
  importedBindings,
  moduleConstants,
  objectKeys,
  objectLiteral,
  staticString,
  visitNodes,
} from './imported-bindings.ts';
import { cookieName, isSessionName, isSessionValue } from './cookie-names.ts';

export type CookieAttribute = 'HttpOnly' | 'Secure' | 'SameSite';
const ATTRIBUTE_KEYS: Array<[CookieAttribute, string]> = [
  ['HttpOnly', 'httpOnly'],
  ['Secure', 'secure'],
  ['SameSite', 'sameSite'],
];

/** A session or token cookie set with an options object (`cookies().set`, `serialize`, nookies), or a `Set-Cookie` string. */
export type SessionCookie =
  | {
      kind: 'options';
      node: CallExpression;
      name: string;
      missing: CookieAttribute[];
      /** The options object, or null when the call passes none: then `, { … }` goes after `value`. */
      options: ObjectExpression | null;
      value: Node;
      /** Whether the options already name a path. */
      hasPath: boolean;
    }
  | { kind: 'header'; node: StringLiteral | TemplateLiteral; name: string; missing: CookieAttribute[]; hasPath: boolean }
  /** Set from browser code, where no cookie can be HttpOnly (js-cookie, `document.cookie`), or kept in web storage. */
  | { kind: 'script'; node: Node; name: string; api: string };

const isFalse = (node: Node | undefined) => node?.type === 'BooleanLiteral' && !node.value;
const unwrapValue = (node: Node): Node => (node.type === 'ObjectProperty' ? node.value : node);

/** A cookie that is being removed: an empty value, `maxAge: 0`, or an expiry in the past. */
function isRemoval(value: Node | undefined, options: ObjectExpression | null): boolean {
  if (staticString(value) === '') return true;
  if (!options) return false;
  const { keys } = objectKeys(options);
  const maxAge = keys.get('maxAge');
  if (maxAge && unwrapValue(maxAge).type === 'NumericLiteral' && (unwrapValue(maxAge) as { value: number }).value <= 0) return true;
  const expires = keys.get('expires');
  const when = expires && unwrapValue(expires);
  if (when?.type === 'NumericLiteral') return when.value === 0;
  return (
    when?.type === 'NewExpression' &&
    when.arguments.length === 1 &&
    when.arguments[0]!.type === 'NumericLiteral' &&
    when.arguments[0].value === 0
  );
}

/** The attributes an options object leaves out or turns off; null when a spread or a computed key may set them. */
function missingFromOptions(options: ObjectExpression | null): CookieAttribute[] | null {
  if (!options) return ATTRIBUTE_KEYS.map(([attribute]) => attribute);
  const { keys, open } = objectKeys(options);
  if (open) return null;
  return ATTRIBUTE_KEYS.filter(([, key]) => !keys.has(key) || isFalse(unwrapValue(keys.get(key)!))).map(([attribute]) => attribute);
}

/** The static text of a `Set-Cookie` string: the literal, or a template's text with each placeholder as `…`. */
function headerText(node: StringLiteral | TemplateLiteral): string {
  if (node.type === 'StringLiteral') return node.value;
  return node.quasis.map((quasi) => quasi.value.cooked ?? '').join('…');
}

function headerCookie(node: Node): SessionCookie | null {
  if (node.type !== 'StringLiteral' && node.type !== 'TemplateLiteral') return null;
  const text = headerText(node);
  const [pair = '', ...attributes] = text.split(';').map((part) => part.trim());
  const name = pair.includes('=') ? pair.slice(0, pair.indexOf('=')) : '';
  const value = pair.slice(name.length + 1);
  const values = node.type === 'TemplateLiteral' ? node.expressions : [];
  if (!isSessionName(name) && !values.some((expression) => isSessionValue(expression))) return null;
  const lower = attributes.map((attribute) => attribute.toLowerCase());
  // Logging out: an empty value (`token=""`), or an age that ends it at once.
  if (
    /^(""|'')?$/.test(value) ||
    lower.some((attribute) => (/^max-age=(-?\d+)$/.test(attribute) && Number(attribute.slice(8)) <= 1) || /^expires=.*1970/.test(attribute))
  )
    return null;
  const missing = ATTRIBUTE_KEYS.filter(
    ([attribute]) => !lower.some((a) => a === attribute.toLowerCase() || a.startsWith(`${attribute.toLowerCase()}=`)),
  );
  if (missing.length === 0) return null;
  return {
    kind: 'header',
    node,
    name: name || '…',
    missing: missing.map(([attribute]) => attribute),
    hasPath: lower.some((a) => a.startsWith('path=')),
  };
}

const isSetCookie = (node: Node | undefined) => staticString(node)?.toLowerCase() === 'set-cookie';

/** `cookies()`, `await cookies()`, a name bound to one of them, or `x.cookies`: what Next.js cookie stores look like. */
export function isCookieStore(node: Node, storeNames: ReadonlySet<string>): boolean {
  if (node.type === 'AwaitExpression') return isCookieStore(node.argument, storeNames);
  if (node.type === 'CallExpression') return node.callee.type === 'Identifier' && node.callee.name === 'cookies';
  if (node.type === 'Identifier') return storeNames.has(node.name);
  return memberName(node) === 'cookies';
}

function optionsCookie(
  call: CallExpression,
  nameNode: Node | undefined,
  value: Node | undefined,
  optionsNode: Node | undefined,
  constants: ReadonlyMap<string, Expression>,
): SessionCookie | null {
  if (!value) return null;
  const name = cookieName(nameNode, constants);
  if (!(name !== null && isSessionName(name)) && !isSessionValue(value)) return null;
  const options = optionsNode ? objectLiteral(optionsNode, constants) : null;
  if (optionsNode && !options) return null;
  if (isRemoval(value, options)) return null;
  const missing = missingFromOptions(options);
  if (!missing || missing.length === 0) return null;
  const hasPath = options !== null && objectKeys(options).keys.has('path');
  return { kind: 'options', node: call, name: name ?? '…', missing, options, value, hasPath };
}

/** The names the module gives Next.js cookie stores: `const cookieStore = await cookies()`. */
export function cookieStoreNames(program: Program): Set<string> {
  const names = new Set<string>();
  visitNodes(program, {
    VariableDeclarator(declarator) {
      const init = declarator.init;
      if (declarator.id.type === 'Identifier' && init && init.type !== 'Identifier' && isCookieStore(init, names))
        names.add(declarator.id.name);
    },
  });
  return names;
}

/** Every session or token cookie the module sets without all of HttpOnly, Secure and SameSite, and every token it hands to browser scripts. */
export function sessionCookies(program: Program): SessionCookie[] {
  const bindings = importedBindings(program);
  const constants = moduleConstants(program);
  const storeNames = cookieStoreNames(program);
  const found: SessionCookie[] = [];
  const add = (site: SessionCookie | null) => site && found.push(site);
  visitNodes(program, {
    CallExpression(call) {
      const args = call.arguments;
      const callee = call.callee;
      const method = memberName(callee);
      if (callee.type === 'MemberExpression' && method === 'set' && isCookieStore(callee.object, storeNames)) {
        const first = args[0];
        if (first?.type === 'ObjectExpression') {
          const { keys } = objectKeys(first);
          const name = keys.get('name');
          const value = keys.get('value');
          add(optionsCookie(call, name && unwrapValue(name), value && unwrapValue(value), first, constants));
        } else add(optionsCookie(call, first, args[1], args[2], constants));
        return;
      }
      if (calledExport(callee, bindings, 'cookie') === 'serialize')
        return void add(optionsCookie(call, args[0], args[1], args[2], constants));
      if (calledExport(callee, bindings, 'cookies-next') === 'setCookie') {
        const cookie = optionsCookie(call, args[0], args[1], args[2], constants);
        // Without the request and response, cookies-next writes `document.cookie`, which cannot set HttpOnly.
        const onServer =
          cookie?.kind === 'options' &&
          cookie.options &&
          ['req', 'res', 'cookies'].some((key) => objectKeys(cookie.options!).keys.has(key));
        return void add(cookie && (onServer ? cookie : { kind: 'script', node: call, name: cookie.name, api: 'cookies-next' }));
      }
      if (calledExport(callee, bindings, 'nookies') === 'setCookie')
        return void add(optionsCookie(call, args[1], args[2], args[3], constants));
      if ((method === 'setHeader' || method === 'set' || method === 'append') && isSetCookie(args[0]) && args[1]) {
        const values = args[1].type === 'ArrayExpression' ? args[1].elements : [args[1]];
        for (const value of values) if (value) add(headerCookie(value));
        return;
      }
      if (method === 'set' && calledExport(callee, bindings, 'js-cookie') === 'set') {
        const name = cookieName(args[0], constants);
        if ((name !== null && isSessionName(name)) || isSessionValue(args[1]))
          if (staticString(args[1]) !== '') add({ kind: 'script', node: call, name: name ?? '…', api: 'js-cookie' });
        return;
      }
      const storage =
        callee.type === 'MemberExpression'
          ? (memberName(callee.object) ?? (callee.object.type === 'Identifier' ? callee.object.name : null))
          : null;
      if (method === 'setItem' && (storage === 'localStorage' || storage === 'sessionStorage')) {
        const name = cookieName(args[0], constants);
        if ((name !== null && isSessionName(name)) || isSessionValue(args[1]))
          add({ kind: 'script', node: call, name: name ?? '…', api: storage });
      }
    },
    ObjectProperty(property) {
      if (isSetCookie(property.key) || (property.key.type === 'Identifier' && property.key.name === 'Set-Cookie')) {
        const value = property.value;
        const values = value.type === 'ArrayExpression' ? value.elements : [value];
        for (const element of values) if (element) add(headerCookie(element));
      }
    },
    AssignmentExpression(assignment) {
      const target = assignment.left;
      if (target.type !== 'MemberExpression' || memberName(target) !== 'cookie') return;
      const onDocument =
        (target.object.type === 'Identifier' && target.object.name === 'document') || memberName(target.object) === 'document';
      if (!onDocument) return;
      const cookie = headerCookie(assignment.right);
      if (cookie) add({ kind: 'script', node: assignment, name: cookie.name, api: 'document.cookie' });
    },
  });
  return found.sort((a, b) => a.node.start! - b.node.start!);
}
