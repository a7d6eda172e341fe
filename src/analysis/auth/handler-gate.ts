import type { Node, Program } from '@babel/types';
import { isConditionOf, isEnforced } from './enforced.ts';
import { authCallOf, type AuthCall } from './known-calls.ts';
import { sessionUserCalls, type SessionUser } from './session-user.ts';
import { chainText, importsOf, unwrap, visitInside } from './syntax.ts';

/** An auth call in a handler, and whether its result decides anything. */
export interface AuthUse {
  auth: AuthCall;
  line: number;
  enforced: boolean;
}

/** What a handler's own code says about who may call it; helpers it calls are judged where they are defined. */
export interface LocalGate {
  uses: AuthUse[];
  /** A comparison of a header, query or cookie with a server secret that ends the request (`CRON_SECRET`). */
  sharedSecret: boolean;
  /** A wrapper that authenticates before the handler runs: `withApiAuthRequired`, `withAuth`. */
  wrapper: string | null;
  user: SessionUser | null;
}

/** Wrappers of a handler that refuse requests without a session. */
export const AUTH_WRAPPER =
  /^(?:with(?:Api|Page)?Auth(?:Required|entication|enticated)?|withIronSession(?:ApiRoute)?|withSession|withUser|withLogin|withProtect(?:ion|ed)?|withAdmin|withClerk(?:Auth)?|requireAuth|requireSession|authenticated|protect(?:ed)?(?:Route|Handler|Action)?|authorized|auth(?:enticate)?d?Action|withAuthAction|authAction|adminAction|protectedProcedure)$/i;

/** Calls defined in the same module: an auth call only if their body makes one. */
function localFunctions(program: Program): Map<string, Node> {
  const functions = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if (declaration.type === 'FunctionDeclaration' && declaration.id) functions.set(declaration.id.name, declaration);
    if (declaration.type === 'VariableDeclaration')
      for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.init) functions.set(d.id.name, d.init);
  }
  return functions;
}

function makesAuthCall(body: Node, program: Program, imports: ReturnType<typeof importsOf>): boolean {
  let found = false;
  visitInside(
    body,
    (node) => {
      if (found) return 'skip';
      const auth = authCallOf(node, imports);
      if (auth && (auth.helper || auth.library !== 'project helper')) found = true;
    },
    true,
  );
  return found || (body.type === 'CallExpression' && /NextAuth|betterAuth|lucia/i.test(chainText(body.callee) ?? ''));
}

/** Whether a secret from the environment is compared with something, in an `if` that ends the request. */
function comparesWithSecret(fn: Node): boolean {
  let found = false;
  visitInside(fn, (node) => {
    if (found || node.type !== 'IfStatement') return;
    let env = false;
    let compared = false;
    visitInside(node.test, (inner) => {
      if (
        (inner.type === 'MemberExpression' || inner.type === 'OptionalMemberExpression') &&
        /^process\.env\./.test(chainText(inner) ?? '')
      )
        env = true;
      if (inner.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(inner.operator)) compared = true;
      if (inner.type === 'CallExpression' && /timingSafeEqual|safeCompare|compare$/i.test(chainText(inner.callee) ?? '')) compared = true;
    });
    if (env && compared) found = true;
  });
  return found;
}

/**
 * Who a handler's own code lets in: its auth calls and whether each is enforced, a shared secret, an
 * auth wrapper. `mayCallAuth` false (the module's text holds none of `AUTH_CALL_TEXT`'s words) says
 * there is no auth call to look for.
 */
export function localGate(fn: Node, program: Program, wrappers: readonly string[] = [], mayCallAuth = true): LocalGate {
  const wrapper = wrappers.find((name) => AUTH_WRAPPER.test(name)) ?? null;
  if (!mayCallAuth) return { uses: [], sharedSecret: comparesWithSecret(fn), wrapper, user: null };
  const imports = importsOf(program);
  const functions = localFunctions(program);
  const bound = sessionUserCalls(fn, program);
  const boundCalls = new Set(bound.map((b) => unwrap((b.declaration as { init: Node }).init)));
  const uses: AuthUse[] = bound.map((b) => ({
    auth: b.auth,
    line: b.line,
    enforced: b.auth.enforcing || isEnforced(fn, b.binding, b.declaration),
  }));
  visitInside(fn, (node, ancestors) => {
    if (node.type !== 'CallExpression' || boundCalls.has(node)) return;
    const auth = authCallOf(node, imports);
    if (!auth) return;
    const parent = ancestors.at(-1);
    const holder = parent?.type === 'AwaitExpression' ? ancestors.at(-2) : parent;
    // A binding sessionUser could not read (`const { isAuthenticated } = …`) is judged by its later use.
    if (holder?.type === 'VariableDeclarator') {
      if (holder.id.type === 'Identifier') {
        uses.push({ auth, line: node.loc?.start.line ?? 0, enforced: auth.enforcing || isEnforced(fn, holder.id.name, holder) });
      }
      return;
    }
    uses.push({ auth, line: node.loc?.start.line ?? 0, enforced: auth.enforcing || isConditionOf(node, ancestors) });
  });
  const kept = uses.filter((use) => {
    if (use.auth.library !== 'project helper' || use.auth.helper) return true;
    const local = functions.get(use.auth.call.split('.')[0]!);
    return local === undefined || makesAuthCall(local, program, imports);
  });
  const first = bound.find((b) => kept.some((use) => use.auth === b.auth));
  return {
    uses: kept,
    sharedSecret: comparesWithSecret(fn),
    wrapper,
    user: first ? { binding: first.binding, idExpression: first.idExpression, call: first.call, line: first.line } : null,
  };
}
