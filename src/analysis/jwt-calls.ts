import type { CallExpression, Expression, MemberExpression, NewExpression, Node, ObjectExpression, Program } from '@babel/types';
import {
  type ImportedBinding,
  calledExport,
  importedBindings,
  moduleConstants,
  objectKeys,
  objectLiteral,
  visitNodes,
} from './imported-bindings.ts';

/** Text a module that signs or decodes a JWT with a known library contains. */
export const JWT_LIBRARY_TEXT = ['jsonwebtoken', 'jose', 'jwt-decode'];

/** A token signed with no expiry: by `jsonwebtoken`'s `sign`, or by a `jose` `SignJWT` chain. */
export type UnexpiringJwt =
  | {
      library: 'jsonwebtoken';
      call: CallExpression;
      /** The options object (in the call, or the module constant it names) to add `expiresIn` to; null when the call passes none. */
      options: ObjectExpression | null;
      /** Where `, { expiresIn }` goes when there are no options: after the secret. */
      secret: Node;
    }
  | {
      library: 'jose';
      call: NewExpression;
      /** The `.sign` member of the chain, before which `.setExpirationTime(…)` goes. */
      sign: MemberExpression;
    };

/** `sign(payload, secret, callback)`: a function, or a name that says it is one. */
const isCallback = (node: Node) =>
  node.type === 'ArrowFunctionExpression' ||
  node.type === 'FunctionExpression' ||
  (node.type === 'Identifier' && /^(cb|callback|done|next|resolve)$/i.test(node.name));

/**
 * Whether a payload may carry its own `exp`: an object literal with the key or a spread, or
 * anything not an object literal in a module that mentions an `exp` key at all.
 */
function payloadMayExpire(payload: Node | undefined, constants: ReadonlyMap<string, Expression>, source: string): boolean {
  if (!payload) return false;
  const object = objectLiteral(payload, constants);
  if (object) {
    const { keys, open } = objectKeys(object);
    return open || keys.has('exp');
  }
  if (payload.type === 'StringLiteral' || payload.type === 'TemplateLiteral') return true;
  return /\bexp\s*:|\.exp\s*=|\[\s*['"]exp['"]\s*\]\s*=/.test(source);
}

/** The names of the methods called along a chain that starts at `start`: `new SignJWT(…).setProtectedHeader(…).sign(…)`. */
function chainFrom(start: Node, ancestors: readonly Node[]): { methods: string[]; members: MemberExpression[] } {
  const methods: string[] = [];
  const members: MemberExpression[] = [];
  let current = start;
  for (let i = ancestors.length - 1; i >= 1; i -= 2) {
    const member = ancestors[i]!;
    const call = ancestors[i - 1]!;
    if (member.type !== 'MemberExpression' || member.object !== current || member.property.type !== 'Identifier') break;
    if (call.type !== 'CallExpression' || call.callee !== member) break;
    methods.push(member.property.name);
    members.push(member);
    current = call;
  }
  return { methods, members };
}

/** Every JWT the module signs without an expiry, in source order. */
export function unexpiringJwts(program: Program, source: string): UnexpiringJwt[] {
  const bindings = importedBindings(program);
  const found: UnexpiringJwt[] = [];
  if (![...bindings.values()].some((binding) => binding.source === 'jsonwebtoken' || binding.source === 'jose')) return found;
  const constants = moduleConstants(program);
  visitNodes(program, {
    CallExpression(call) {
      if (calledExport(call.callee, bindings, 'jsonwebtoken') !== 'sign') return;
      const [payload, secret, third] = call.arguments;
      if (!secret || payloadMayExpire(payload, constants, source)) return;
      if (third && !isCallback(third)) {
        const options = objectLiteral(third, constants);
        if (!options) return;
        const { keys, open } = objectKeys(options);
        if (open || keys.has('expiresIn')) return;
        found.push({ library: 'jsonwebtoken', call, options, secret });
        return;
      }
      found.push({ library: 'jsonwebtoken', call, options: null, secret });
    },
    NewExpression(node, ancestors) {
      if (calledExport(node.callee, bindings, 'jose') !== 'SignJWT') return;
      if (payloadMayExpire(node.arguments[0], constants, source)) return;
      const { methods, members } = chainFrom(node, ancestors);
      if (methods.includes('setExpirationTime') || methods.at(-1) !== 'sign') return;
      found.push({ library: 'jose', call: node, sign: members.at(-1)! });
    },
  });
  return found.sort((a, b) => a.call.start! - b.call.start!);
}

const DECODERS: ReadonlyArray<[source: string, exports: readonly string[], label: string]> = [
  ['jsonwebtoken', ['decode'], 'jwt.decode'],
  ['jose', ['decodeJwt'], 'decodeJwt'],
  ['jwt-decode', ['jwtDecode', 'default'], 'jwtDecode'],
];

/** The decoder a call is, when it reads a JWT's claims without checking its signature: `jwt.decode`, `decodeJwt`, `jwtDecode`. */
export function jwtDecoder(call: CallExpression, bindings: ReadonlyMap<string, ImportedBinding>): string | null {
  for (const [source, names, label] of DECODERS) {
    const name = calledExport(call.callee, bindings, source);
    if (name && names.includes(name)) return label;
  }
  return null;
}

/** Whether a call verifies a JWT: `jwt.verify`, jose's `jwtVerify`. */
export function isJwtVerify(call: CallExpression, bindings: ReadonlyMap<string, ImportedBinding>): boolean {
  return calledExport(call.callee, bindings, 'jsonwebtoken') === 'verify' || calledExport(call.callee, bindings, 'jose') === 'jwtVerify';
}
