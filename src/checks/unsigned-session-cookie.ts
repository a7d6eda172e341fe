import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { browserOnly } from '../analysis/browser-only.ts';
import { type ClientCodeFact, clientGraph } from '../analysis/client-graph.ts';
import { nameWords } from '../analysis/cookie-names.ts';
import { importedBindings, moduleConstants, visitNodes } from '../analysis/imported-bindings.ts';
import { cookieReads } from '../analysis/cookie-reads.ts';
import { enclosingFunction, memberName } from '../engine/ast.ts';

/** Cookie names that decide what a caller may do when compared with a value. */
const DECISION_WORDS = new Set([
  'admin',
  'isadmin',
  'role',
  'roles',
  'permission',
  'permissions',
  'access',
  'level',
  'plan',
  'tier',
  'premium',
  'paid',
  'subscription',
  'auth',
  'authenticated',
  'authorized',
  'loggedin',
  'logged',
  'login',
  'staff',
  'owner',
  'verified',
  'superuser',
  'usertype',
]);
/** Cookie names whose mere presence is taken as a permission. */
const FLAG_WORDS = new Set([
  'admin',
  'isadmin',
  'loggedin',
  'logged',
  'authenticated',
  'authorized',
  'verified',
  'premium',
  'paid',
  'superuser',
  'staff',
]);
/** Cookie names that say who the caller is. */
const IDENTITY_NAMES = new Set([
  'userid',
  'uid',
  'user',
  'email',
  'useremail',
  'username',
  'accountid',
  'memberid',
  'customerid',
  'currentuser',
]);
/** A call that checks a value rather than trusting it: a verify, an unseal, a decrypt, a session lookup. */
const VERIFIER = /verify|unseal|decrypt|unsign|ironsession|validate|getsession|lookup/i;
const IGNORED_CALLEES = new Set(['console', 'JSON', 'String', 'Number', 'Boolean', 'encodeURIComponent', 'parseInt']);

type Reason = 'comparedToConstant' | 'flagAsCondition' | 'identityFromCookie';

interface UnsignedCookieUse extends ClientCodeFact {
  messageId: Reason;
  name: string;
  constant: string;
}

const isLiteral = (node: Node) => ['StringLiteral', 'NumericLiteral', 'BooleanLiteral'].includes(node.type);
const literalText = (node: Node) => (node.type === 'StringLiteral' ? `'${node.value}'` : String((node as { value: unknown }).value));

/** What code does with a cookie's value at `node`, given its ancestors: compares it with a constant, tests it, or passes it on. */
function use(
  node: Node,
  ancestors: readonly Node[],
): { kind: 'compare'; constant: string } | { kind: 'test' } | { kind: 'passed'; callee: string } | null {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i]!;
    if (['TSAsExpression', 'TSNonNullExpression', 'AwaitExpression', 'ParenthesizedExpression'].includes(parent.type)) {
      child = parent;
      continue;
    }
    if (parent.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(parent.operator)) {
      const other = parent.left === child ? parent.right : parent.left;
      return isLiteral(other) ? { kind: 'compare', constant: literalText(other) } : null;
    }
    if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') return parent.test === child ? { kind: 'test' } : null;
    if (parent.type === 'UnaryExpression' && parent.operator === '!') return { kind: 'test' };
    if (parent.type === 'LogicalExpression') {
      child = parent;
      continue;
    }
    if (parent.type === 'CallExpression' && parent.arguments.includes(child as never)) {
      const callee = parent.callee;
      const name = callee.type === 'Identifier' ? callee.name : (memberName(callee) ?? '');
      const root = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object.name : name;
      return IGNORED_CALLEES.has(root) ? null : { kind: 'passed', callee: name };
    }
    if (parent.type === 'ObjectProperty' && parent.value === child) return { kind: 'passed', callee: '' };
    return null;
  }
  return null;
}

export default defineCheck({
  meta: {
    id: 'unsigned-session-cookie',
    title: 'Authorisation decided by an unsigned cookie',
    severity: 'high',
    category: 'auth',
    messages: {
      comparedToConstant:
        'Access is decided by comparing cookie `{{name}}` with {{constant}}: nothing signs this cookie, so any visitor can set it to that value.',
      flagAsCondition: 'Access is granted when cookie `{{name}}` is set: nothing signs this cookie, so any visitor can set it.',
      identityFromCookie:
        "The caller's identity is taken from cookie `{{name}}`, which nothing signs or verifies: any visitor can set it to another user's id.",
    },
    docs: 'A cookie is whatever the browser sends: a visitor can set `admin=1`, `role=admin` or `userId=42` in the developer tools, or with `curl -b`. A cookie may only carry authority when the server can tell it wrote it: a signed or encrypted session (Auth.js, iron-session, Lucia, a JWT checked with `jwtVerify`), or a random session id looked up in the database. Read the role and the user id from that session, never from a cookie of their own.',
    prefilter: ['cookies'],
    fix: null,
    clientGraph: true,
    finds:
      "server code (route handlers, API routes, server actions, `middleware.ts`, server components) that reads a cookie (`cookies().get(name)?.value`, `request.cookies.get(name)`, `req.cookies.name`, cookies-next `getCookie`) and compares it with a constant (`=== '1'`, `=== 'admin'`) where the name speaks of roles or access (`admin`, `role`, `isAdmin`, `auth`, `logged_in`, `plan`, …), tests an `admin`/`isAdmin`/`loggedIn`-style cookie as a condition, or passes a `userId`/`email`-style cookie on as the caller's identity (into a query, an object, a call). A value the function passes to a verifier (`jwtVerify`, `unsealData`, `getIronSession`, `decrypt`, a session lookup) is left alone, and so is browser code, where a cookie only steers the interface",
    sources: [
      {
        title: 'OWASP: Session Management cheat sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
      },
      { title: 'MDN: Set-Cookie', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie' },
      { title: 'Next.js: authentication, session management', url: 'https://nextjs.org/docs/app/guides/authentication#session-management' },
      { title: 'Next.js: cookies()', url: 'https://nextjs.org/docs/app/api-reference/functions/cookies' },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        const bindings = importedBindings(program);
        const constants = moduleConstants(program);
        for (const read of cookieReads(program, bindings, constants)) {
          const words = nameWords(read.name);
          const joined = words.join('');
          const scope = enclosingFunction(read.ancestors) ?? program;
          const uses: Array<{ node: Node; ancestors: readonly Node[] }> = [];
          if (read.binding) {
            visitNodes(scope, {
              Identifier(identifier, ancestors) {
                if (identifier.name === read.binding && identifier !== read.bindingNode)
                  uses.push({ node: identifier, ancestors: [...ancestors] });
              },
            });
          } else uses.push({ node: read.node, ancestors: read.ancestors });
          const seen = uses.map((site) => use(site.node, site.ancestors));
          if (seen.some((found) => found?.kind === 'passed' && VERIFIER.test(found.callee))) continue;
          let reason: { messageId: Reason; constant: string } | null = null;
          const compared = seen.find((found) => found?.kind === 'compare');
          if (compared?.kind === 'compare' && words.some((word) => DECISION_WORDS.has(word) || DECISION_WORDS.has(joined)))
            reason = { messageId: 'comparedToConstant', constant: compared.constant };
          else if (
            seen.some((found) => found?.kind === 'test') &&
            (FLAG_WORDS.has(joined) || words.some((word) => FLAG_WORDS.has(word))) &&
            !compared
          )
            reason = { messageId: 'flagAsCondition', constant: '' };
          else if (IDENTITY_NAMES.has(joined) && seen.some((found) => found?.kind === 'passed'))
            reason = { messageId: 'identityFromCookie', constant: '' };
          if (!reason) continue;
          ctx.collect({
            file: ctx.file.path,
            line: read.node.loc!.start.line,
            column: read.node.loc!.start.column + 1,
            serverSide: false,
            name: read.name,
            ...reason,
          } satisfies UnsignedCookieUse);
        }
      },
    };
  },
  finish(ctx) {
    const facts = ctx.facts as UnsignedCookieUse[];
    if (facts.length === 0) return;
    const graph = clientGraph(ctx.project);
    for (const fact of facts) {
      if (browserOnly(graph, fact.file)) continue;
      const data = { name: fact.name, constant: fact.constant };
      ctx.report({ file: fact.file, loc: { line: fact.line, column: fact.column }, messageId: fact.messageId, data });
    }
  },
});
