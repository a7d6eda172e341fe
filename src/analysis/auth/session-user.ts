import type { Node, ObjectPattern, Program } from '@babel/types';
import { authCallOf, type AuthCall } from './known-calls.ts';
import { chainText, importsOf, unwrap, visitInside } from './syntax.ts';
import { FUNCTION_TYPES } from '../../engine/ast.ts';
import { forEachNode } from '../../engine/walk.ts';

export interface SessionUser {
  /** The local name that holds the user, the session or the user's id. */
  binding: string;
  /** How the code names the signed-in user's id: `session.user.id`, `user.id`, `userId`. */
  idExpression: string;
  /** The auth call as written: `auth`, `supabase.auth.getUser`, `getCurrentUser`. */
  call: string;
  line: number;
}

/** A session user together with what the call that produced it is. */
export interface SessionUserCall extends SessionUser {
  auth: AuthCall;
  /** The declaration that binds it, which a gate must follow. */
  declaration: Node;
}

/** The first property at any depth of a destructuring pattern whose key is one of `names`. */
function patternProperty(pattern: ObjectPattern, names: readonly string[]): { key: string; local: Node; path: string[] } | null {
  for (const property of pattern.properties) {
    if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier') continue;
    const key = property.key.name;
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (names.includes(key) && value.type === 'Identifier') return { key, local: value, path: [key] };
    if (value.type === 'ObjectPattern') {
      const inner = patternProperty(value, names);
      if (inner) return { ...inner, path: [key, ...inner.path] };
    }
  }
  return null;
}

/** Every member chain the function reads: `session.user.id`, `user.id`. */
function chainsRead(fn: Node): Set<string> {
  const chains = new Set<string>();
  visitInside(fn, (node) => {
    if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return;
    const text = chainText(node);
    if (text) chains.add(text);
  });
  return chains;
}

/** The id member the function reads from a name, most specific first: `session.user.id` over `session.id`. */
function idMemberUsed(chains: ReadonlySet<string>, name: string): string | null {
  for (const member of ['user.id', 'userId', 'user_id', 'sub', 'uid', 'id'])
    if (chains.has(`${name}.${member}`)) return `${name}.${member}`;
  return null;
}

function idFromIdentifier(name: string, auth: AuthCall, chains: ReadonlySet<string>): string {
  const used = idMemberUsed(chains, name);
  if (used) return used;
  if (auth.library === 'Clerk' && /(?:^|\.)(?:auth|getAuth)$/.test(auth.call)) return `${name}.userId`;
  if (auth.library === 'Supabase') return /getClaims$/.test(auth.call) ? `${name}.data.claims.sub` : `${name}.data.user.id`;
  if (auth.library === 'JWT' || auth.library === 'Firebase') return `${name}.sub`;
  if (/Id$/.test(name)) return name;
  if (/session/i.test(name) || /session$/i.test(auth.call) || auth.library === 'Auth.js' || auth.library === 'Better Auth')
    return `${name}.user.id`;
  return `${name}.id`;
}

function fromPattern(pattern: ObjectPattern, auth: AuthCall): { binding: string; idExpression: string } | null {
  const id = patternProperty(pattern, ['userId', 'user_id', 'uid', 'sub']);
  if (id) return { binding: (id.local as { name: string }).name, idExpression: (id.local as { name: string }).name };
  const user = patternProperty(pattern, ['user']);
  if (user) return { binding: (user.local as { name: string }).name, idExpression: `${(user.local as { name: string }).name}.id` };
  const session = patternProperty(pattern, ['session']);
  if (session && auth.library !== 'Lucia') {
    const name = (session.local as { name: string }).name;
    return { binding: name, idExpression: `${name}.user.id` };
  }
  const claims = patternProperty(pattern, ['claims', 'payload']);
  if (claims) return { binding: (claims.local as { name: string }).name, idExpression: `${(claims.local as { name: string }).name}.sub` };
  const data = patternProperty(pattern, ['data']);
  if (data) {
    const name = (data.local as { name: string }).name;
    if (/getClaims$/.test(auth.call)) return { binding: name, idExpression: `${name}.claims.sub` };
    if (/getSession$/.test(auth.call)) return { binding: name, idExpression: `${name}.session.user.id` };
    return { binding: name, idExpression: `${name}.user.id` };
  }
  return null;
}

/** Every binding in a function that holds the signed-in user, in source order, with the call that produced it. */
export function sessionUserCalls(fn: Node, program: Program): SessionUserCall[] {
  const imports = importsOf(program);
  let chains: Set<string> | null = null;
  const found: SessionUserCall[] = [];
  visitInside(fn, (node) => {
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    const call = unwrap(node.init);
    const auth = authCallOf(call, imports);
    if (!auth) return;
    const line = node.loc?.start.line ?? 0;
    if (node.id.type === 'Identifier') {
      chains ??= chainsRead(fn);
      found.push({
        binding: node.id.name,
        idExpression: idFromIdentifier(node.id.name, auth, chains),
        call: auth.call,
        line,
        auth,
        declaration: node,
      });
    } else if (node.id.type === 'ObjectPattern') {
      const picked = fromPattern(node.id, auth);
      if (picked) found.push({ ...picked, call: auth.call, line, auth, declaration: node });
    }
  });
  return found;
}

/**
 * The local binding, inside a handler function, that holds the signed-in user from a known auth call
 * or a project helper named like one, with the expression of the user's id (as the function already
 * reads it, where it does); null when there is none.
 */
export function sessionUser(fn: Node, program: Program, at?: Node): SessionUser | null {
  const first = sessionUserCalls(fn, program).find((call) => !at || visibleAt(fn, call.declaration, at));
  if (!first) return null;
  return { binding: first.binding, idExpression: first.idExpression, call: first.call, line: first.line };
}

/**
 * Whether code at `at` can read what `declarator` binds: declared before it, in the block (the
 * function, for `var`) that holds it. A user read inside an `if` is not there after the `if`.
 */
function visibleAt(fn: Node, declarator: Node, at: Node): boolean {
  if (declarator.end! > at.start!) return false;
  let scope: Node | null = null;
  forEachNode(fn, (node, ancestors) => {
    if (node !== declarator) return;
    const declaration = ancestors.at(-1);
    const functionScoped = declaration?.type === 'VariableDeclaration' && declaration.kind === 'var';
    scope =
      [...ancestors]
        .reverse()
        .find((a) => (functionScoped ? FUNCTION_TYPES.has(a.type) : a.type === 'BlockStatement' || FUNCTION_TYPES.has(a.type))) ?? fn;
    return 'skip';
  });
  const holder = scope as Node | null;
  return holder !== null && holder.start! <= at.start! && at.end! <= holder.end!;
}
