import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import {
  AUTH_ROUTE,
  LIMITER_TEXT,
  MIDDLEWARE_FILE,
  handlerFacts,
  importedFrom,
  importsLimiter,
  localCallees,
} from '../analysis/rate-limits.ts';
import { requestHandlers, type RequestHandler } from '../analysis/request-handlers.ts';
import { callerInput } from '../analysis/request-input.ts';
import { forEachNode } from '../engine/walk.ts';
import { screened } from '../engine/needles.ts';

interface Unlimited {
  file: string;
  line: number;
  column: number;
  messageId: 'authEndpoint' | 'aiProxy';
  data: { handler: string; kind: string; what: string; route: string };
}

/** A middleware file with a limiter in it; it covers the API routes its matcher reaches. */
interface LimitingMiddleware {
  middleware: string;
  matcher: string;
}

const PREFILTER = screened(
  /signInWith|signUp|resetPasswordForEmail|verifyOtp|createUser|generateLink|bcrypt|argon2|signIn\(|insert\s+into|otp|verification|magic|openai|anthropic|generateText|streamText|generateObject|streamObject|generateContent|googleapis/i,
);

function handlerLabel(handler: RequestHandler): string {
  if (handler.kind === 'server-action') return `server action ${handler.name}`;
  return `${handler.method ?? 'handler'} ${handler.route}`;
}

export default defineCheck({
  meta: {
    id: 'auth-endpoint-without-rate-limit',
    title: 'Login, signup, reset, OTP or AI route without a rate limit',
    severity: 'high',
    category: 'auth',
    messages: {
      authEndpoint:
        '{{handler}} {{what}} and nothing limits how often one caller may try: passwords and codes can be guessed at full speed, and emails or texts sent by the thousand. Add a rate limit keyed by the caller.',
      aiProxy:
        '{{handler}} calls {{what}} for every request and nothing limits how often one caller may: a script can spend your API budget in minutes. Add a rate limit keyed by the user or the caller.',
    },
    docs: "Login, signup, password reset, one-time code and magic-link endpoints are what attackers hammer: credential stuffing, code guessing, and email or SMS bombing at your expense. A route that forwards requests to OpenAI, Anthropic or Google AI spends money on every call. Each needs a limit per caller that holds across serverless instances, in Redis or the database. `add-rate-limit` writes one backed by the app's own database.",
    prefilter: (text, _project, file) =>
      PREFILTER.test(text) || AUTH_ROUTE.test(file) || (MIDDLEWARE_FILE.test(file) && LIMITER_TEXT.test(text)),
    fix: 'add-rate-limit',
    finds:
      "a Pages API route, route handler or server action that signs in with a password (`signInWithPassword`, `bcrypt.compare`, `argon2.verify`, `signIn('credentials')`), creates accounts, sends or checks one-time codes and magic links (`signInWithOtp`, `verifyOtp`, `resetPasswordForEmail`), or whose path says it does (`/login`, `/signup`, `/reset-password`, `/otp`…), or that calls OpenAI, Anthropic, Google AI or the AI SDK; and that calls no limiter (@upstash/ratelimit, @arcjet/next, rate-limiter-flexible, @unkey/ratelimit, express-rate-limit, or a function of the project's named like `rateLimit`/`limiter`), in the handler, its wrappers, or a middleware that limits the API routes",
    sources: [
      { title: 'OWASP: blocking brute-force attacks', url: 'https://owasp.org/www-community/controls/Blocking_Brute_Force_Attacks' },
      {
        title: 'OWASP Authentication Cheat Sheet: protect against automated attacks',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks',
      },
      { title: 'Supabase: auth rate limits', url: 'https://supabase.com/docs/guides/auth/rate-limits' },
      { title: 'Upstash Ratelimit', url: 'https://upstash.com/docs/redis/sdks/ratelimit-ts/overview' },
    ],
  },
  check(ctx) {
    if (!ctx.ast) return;
    if (MIDDLEWARE_FILE.test(ctx.file.path)) {
      if (LIMITER_TEXT.test(ctx.file.text))
        ctx.collect({
          middleware: ctx.file.path,
          matcher: /matcher\s*:\s*([^\n]*)/.exec(ctx.file.text)?.[1] ?? '',
        } satisfies LimitingMiddleware);
      return;
    }
    const program = ctx.ast.program;
    const handlers = requestHandlers(ctx.file.path, ctx.ast, ctx.project);
    if (handlers.length === 0 || importsLimiter(program)) return;
    const imports = importedFrom(program);
    for (const handler of handlers) {
      if (handler.wrappers.some((wrapper) => /rate_?limit|limiter|throttl/i.test(wrapper))) continue;
      const bodies: Node[] = [handler.fn, ...localCallees(program, handler.fn)];
      const facts = handlerFacts(bodies, imports, ctx.file.text);
      if (facts.limited) continue;
      const byPath = !facts.authAction && !facts.aiCall && handler.route !== null && AUTH_ROUTE.test(handler.route) && readsBody(handler);
      const what = facts.aiCall ?? facts.authAction ?? (byPath ? `answers ${handler.route}` : null);
      if (!what) continue;
      const start = handler.fn.loc!.start;
      ctx.collect({
        file: ctx.file.path,
        line: start.line,
        column: start.column + 1,
        messageId: facts.aiCall ? 'aiProxy' : 'authEndpoint',
        data: { handler: handlerLabel(handler), kind: handler.kind, what, route: handler.route ?? '' },
      } satisfies Unlimited);
    }
  },
  finish(ctx) {
    const middlewares = (ctx.facts as Array<Unlimited | LimitingMiddleware>).filter(
      (fact): fact is LimitingMiddleware => 'middleware' in fact,
    );
    const findings = (ctx.facts as Array<Unlimited | LimitingMiddleware>).filter((fact): fact is Unlimited => 'messageId' in fact);
    for (const finding of findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
      if (middlewares.some((middleware) => coversRoute(middleware, finding))) continue;
      ctx.report({
        file: finding.file,
        loc: { line: finding.line, column: finding.column },
        messageId: finding.messageId,
        data: finding.data,
      });
    }
  },
});

/** A handler that reads what the caller posts (credentials, an email address): a path alone is not enough. */
function readsBody(handler: RequestHandler): boolean {
  if (handler.kind === 'route-handler' && handler.method !== 'POST') return false;
  const input = callerInput(handler);
  let reads = false;
  forEachNode(handler.fn, (node) => {
    if (!reads && node.type !== 'Identifier') {
      const source = input.sourceOf(node);
      reads = source === 'body' || source === 'form';
    }
  });
  return reads;
}

/** A limiting middleware covers a route when it has no matcher, or its matcher names the route's first segment or `/api`. */
function coversRoute(middleware: LimitingMiddleware, finding: Unlimited): boolean {
  const root = middleware.middleware.replace(/(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/, '$1');
  if (root && !finding.file.startsWith(root)) return false;
  if (finding.data.kind === 'server-action') return false;
  if (!middleware.matcher) return true;
  const first = finding.data.route.split('/')[1] ?? '';
  return middleware.matcher.includes(`/${first}`) && !/\(\?!/.test(middleware.matcher.split(`/${first}`)[0]!);
}
