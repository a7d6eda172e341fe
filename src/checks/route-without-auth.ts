import type { Program } from '@babel/types';
import { defineCheck } from './define.ts';
import { callerInput } from '../analysis/request-input.ts';
import { mayDefineRequestHandlers, requestHandlers, type RequestHandler } from '../analysis/request-handlers.ts';
import { AUTH_CALL_TEXT } from '../analysis/auth/known-calls.ts';
import { MIDDLEWARE_FILE, REJECTS } from '../analysis/auth/middleware.ts';
import { handlerEffects, type HandlerEffect } from '../analysis/auth/handler-effects.ts';
import { collectAuthFacts, decideGates, gateOf, type AuthFacts, type HandlerAuthFact } from '../analysis/auth/index.ts';
import { loadSchemas, schemaForFile } from '../sql/load-schema.ts';
import { isPublicRead, ownerColumn } from '../sql/ownership.ts';
import type { SchemaModel } from '../sql/model.ts';

interface UnguardedHandler extends HandlerAuthFact {
  effects: HandlerEffect[];
}

const PUBLIC_CONTENT =
  /^(?:posts?|articles?|blogs?|pages?|products?|categor(?:y|ies)|tags?|comments?|reviews?|listings?|events?|recipes?|courses?|lessons?|faqs?|projects?|jobs?|plans?|prices?)$/i;

/** The table a read names, when it holds rows that belong to someone and are not public by policy. */
function ownedTable(schemas: readonly SchemaModel[], file: string, name: string): boolean {
  if (PUBLIC_CONTENT.test(name)) return false;
  const schema = schemaForFile(schemas, file);
  const table = schema?.tables.find((t) => t.name === name || t.model === name || t.model?.toLowerCase() === name.toLowerCase());
  return !!schema && !!table && ownerColumn(schema, table) !== null && !isPublicRead(table);
}

const describe = (handler: Pick<RequestHandler, 'kind' | 'method' | 'route' | 'name'>) =>
  handler.kind === 'server-action' ? `Server action \`${handler.name}\`` : `${handler.method ?? 'Every method of'} ${handler.route}`;

export default defineCheck({
  meta: {
    id: 'route-without-auth',
    title: 'Route or server action without an auth check',
    severity: 'high',
    category: 'auth',
    messages: {
      noAuth: '{{handler}} {{what}}, and nothing checks who is calling.',
      ignoredAuth: '{{handler}} {{what}}; it calls `{{call}}` but nothing depends on the answer, so anyone gets through.',
      sessionNotVerified:
        '{{handler}} {{what}}, gated only by Supabase `getSession()`, which reads the cookie without verifying it on the server; use `getUser()`.',
    },
    docs: "Anyone can call an API route, a route handler or a server action: the page that links to it is no gate. A handler that writes data, reads rows that belong to a user, or spends a paid or privileged credential must ask who is calling and stop when no one is signed in. Add the app's own session check at the top of the handler and return 401 (or `throw`/`redirect` in a server action) without a user.",
    // Every module whose helpers or middleware can gate a handler is read, not only the handlers' own.
    prefilter: (text, project, file) =>
      mayDefineRequestHandlers(text, project, file) || MIDDLEWARE_FILE.test(file) || REJECTS.test(text) || AUTH_CALL_TEXT.test(text),
    fix: 'add-auth-guard',
    otherFixes: ['supabase-get-user'],
    severityNote: 'medium for reads of rows with an owner column',
    finds:
      "an API route, route handler or server action that writes data (Prisma, supabase-js, SQL, Drizzle, Mongoose, Firestore), reads rows of a table with an owner column, or spends a paid or privileged credential (OpenAI, Anthropic, Gemini, Stripe, Resend, Twilio, Zoom, Google APIs, a Supabase service-role client), with no enforced auth check. Counted as a check: Auth.js `auth()`/`getServerSession`, Clerk `auth()`/`currentUser()`/`getAuth(req)`/`auth.protect()`, Supabase `auth.getUser()`/`getClaims()`, Lucia, iron-session, Kinde, WorkOS, Better Auth, `jwtVerify`/`jwt.verify`, the project's own helpers that call one of these (followed through imports and tsconfig aliases), auth wrappers (`withApiAuthRequired`, `withAuth`), a comparison with a server secret (`CRON_SECRET`), and a `middleware.ts` whose `matcher` covers the route and whose body redirects or answers 401. The result must gate the handler (`if (!user) return 401`, `throw`, `redirect()`); an ignored result is reported. Sign-in, callback, health, webhook and cron routes are public by intent, and so are reads of public content",
    sources: [
      { title: 'Next.js: Authentication', url: 'https://nextjs.org/docs/app/guides/authentication' },
      { title: 'Next.js: Data security, server actions', url: 'https://nextjs.org/docs/app/guides/data-security' },
      { title: 'Supabase: Server-side auth, getUser vs getSession', url: 'https://supabase.com/docs/guides/auth/server-side/nextjs' },
      {
        title: 'OWASP API Security Top 10: Broken Authentication',
        url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/',
      },
    ],
  },
  check(ctx) {
    return {
      Program(program: Program) {
        const mayCallAuth = AUTH_CALL_TEXT.test(ctx.file.text);
        collectAuthFacts(ctx.file.path, ctx.file.text, program, mayCallAuth, (fact) => ctx.collect(fact));
        if (!ctx.ast) return;
        for (const handler of requestHandlers(ctx.file.path, ctx.ast, ctx.project)) {
          const effects = handlerEffects(handler.fn, program, callerInput(handler));
          if (effects.length === 0) continue;
          ctx.collect({ ...gateOf(ctx.file.path, handler, program, mayCallAuth), effects } satisfies UnguardedHandler);
        }
      },
    };
  },
  finish(ctx) {
    const facts = ctx.facts as AuthFacts[];
    const handlers = facts.filter((fact): fact is UnguardedHandler => fact.type === 'handler');
    if (handlers.length === 0) return;
    let schemas: SchemaModel[] | null = null;
    const judge = decideGates(ctx.project, facts);
    for (const handler of handlers.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
      const verdict = judge(handler);
      if (verdict.gated) continue;
      if (verdict.publicReason) continue;
      const reported = handler.effects.filter((effect) => {
        if (effect.kind !== 'read') return true;
        schemas ??= loadSchemas(ctx.project);
        return effect.table !== undefined && ownedTable(schemas, handler.file, effect.table);
      });
      const effect = reported.find((e) => e.kind !== 'read') ?? reported[0];
      if (!effect) continue;
      const more = reported.length > 1 ? ` (and ${reported.length - 1} more)` : '';
      ctx.report({
        file: handler.file,
        loc: { line: handler.line, column: handler.column },
        messageId: verdict.untrustedOnly ? 'sessionNotVerified' : verdict.ignoredCall ? 'ignoredAuth' : 'noAuth',
        severity: effect.kind === 'read' ? 'medium' : 'high',
        ...(verdict.untrustedOnly ? { fix: 'supabase-get-user' } : {}),
        data: {
          handler: describe(handler),
          what: `${effect.what}${more}`,
          call: verdict.ignoredCall ?? '',
          kind: handler.kind,
          effectLine: effect.line,
        },
      });
    }
  },
});
