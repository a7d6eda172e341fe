import type { Node, Program } from '@babel/types';
import { memberName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { AI_HOSTS, AI_SDK_FUNCTIONS, OPENAI_METHODS, OPENAI_V3_METHODS } from './ai-apis.ts';
import { screened } from '../engine/needles.ts';

/** Packages whose import means the file rate-limits with a library. */
export const LIMITER_PACKAGES =
  /^(@upstash\/ratelimit|@arcjet\/next|@arcjet\/node|rate-limiter-flexible|@unkey\/ratelimit|express-rate-limit|express-slow-down|next-rate-limit|@nestjs\/throttler|limiter)$/;

/** A call to a limiter, by the name of what it calls: `rateLimit(req)`, `ratelimit.limit(ip)`, `limiter.check(…)`, `aj.protect(req)`. */
const LIMITER_CALL = /rate_?limit|limiter|throttl|^protect$/i;

/** A route's path that names what an auth endpoint does. */
export const AUTH_ROUTE =
  /(^|\/|-|_)(login|log-in|signin|sign-in|signup|sign-up|register|forgot-password|forgot|reset-password|password-reset|reset|otp|send-otp|verify-otp|magic-link|magiclink|send-code|verify-code|verification-code|resend-code|2fa|mfa)(\/|$|-|_|\.)/i;

const SUPABASE_AUTH_CALLS: Record<string, string> = {
  signInWithPassword: 'signs in with a password (`signInWithPassword`)',
  signInWithOtp: 'sends a one-time code or magic link (`signInWithOtp`)',
  signUp: 'creates accounts (`auth.signUp`)',
  resetPasswordForEmail: 'sends password-reset emails (`resetPasswordForEmail`)',
  verifyOtp: 'checks one-time codes (`verifyOtp`)',
  createUser: 'creates accounts (`auth.admin.createUser`)',
  generateLink: 'sends sign-in links (`auth.admin.generateLink`)',
};

/** Paid AI calls by the end of the callee's chain: the text APIs, and OpenAI's images and audio and Google's models. */
const AI_MEMBER_CALLS: ReadonlyArray<[RegExp, string]> = [
  ...OPENAI_METHODS.map(([pattern, { api }]): [RegExp, string] => [pattern, api]),
  [/(^|\.)images\.(generate|edit)$/, 'OpenAI images'],
  [/(^|\.)audio\.(transcriptions|speech)\.create$/, 'OpenAI audio'],
  [/(^|\.)generateContent(Stream)?$/, 'Google AI'],
];

/** What the file imports, by local name: the package each binding comes from. */
export function importedFrom(program: Program): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) {
        const imported =
          specifier.type === 'ImportSpecifier'
            ? specifier.imported.type === 'Identifier'
              ? specifier.imported.name
              : specifier.imported.value
            : specifier.local.name;
        names.set(specifier.local.name, `${statement.source.value}#${imported}`);
      }
    }
  }
  return names;
}

/** `a.b.c` for a member chain of identifiers (calls in between dropped: `supabase.auth.signUp`); null otherwise. */
export function calleePath(node: Node): string | null {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const name = memberName(node);
      const object = calleePath(node.object);
      return name && object ? `${object}.${name}` : name;
    }
    case 'CallExpression':
    case 'OptionalCallExpression':
      return calleePath(node.callee);
    case 'AwaitExpression':
      return calleePath(node.argument);
    case 'TSNonNullExpression':
      return calleePath(node.expression);
    default:
      return null;
  }
}

export interface HandlerFacts {
  /** What makes it an auth endpoint, or null. */
  authAction: string | null;
  /** The AI API it calls, or null. */
  aiCall: string | null;
  /** It calls a limiter. */
  limited: boolean;
}

/**
 * What a handler's body does, read off its calls: auth work (Supabase auth, password hashes, new
 * users, one-time codes), AI API calls, and limiter calls. `bodies` are the handler and the
 * functions of its own file it calls.
 */
export function handlerFacts(bodies: readonly Node[], imports: ReadonlyMap<string, string>, text: string): HandlerFacts {
  const facts: HandlerFacts = { authAction: null, aiCall: null, limited: false };
  const anthropic = [...imports.values()].some((source) => source.startsWith('@anthropic-ai/sdk#'));
  const visit = (node: Node) => {
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return;
    const path = calleePath(node.callee);
    if (!path) return;
    const last = path.split('.').at(-1)!;
    const source = imports.get(path.split('.')[0]!) ?? '';
    if (LIMITER_CALL.test(last) || LIMITER_CALL.test(path.split('.')[0]!)) facts.limited = true;
    facts.authAction ??= authAction(path, last, source, node);
    facts.aiCall ??= aiCall(path, last, source, node, anthropic);
  };
  for (const body of bodies) forEachNode(body, visit);
  if (!facts.authAction) {
    const own = bodies.map((body) => text.slice(body.start ?? 0, body.end ?? 0)).join('\n');
    if (/\binsert\s+into\s+"?(public"?\."?)?"?(users|accounts)\b/i.test(own)) facts.authAction = 'creates accounts (`INSERT INTO users`)';
    else if (
      /\b(otp|verification_?code|verifyCode|magic_?link)\b/i.test(own) &&
      /\b(sendMail|emails\.send|messages\.create|send)\(/.test(own)
    )
      facts.authAction = 'sends one-time codes';
  }
  return facts;
}

function authAction(path: string, last: string, source: string, node: Node): string | null {
  if (SUPABASE_AUTH_CALLS[last] && /(^|\.)auth(\.admin)?\.\w+$/.test(path)) return SUPABASE_AUTH_CALLS[last]!;
  if (/^(bcrypt|bcryptjs)#/.test(source) && /^(compare|compareSync)$/.test(last)) return 'checks passwords (`bcrypt.compare`)';
  if (/^argon2#/.test(source) && last === 'verify') return 'checks passwords (`argon2.verify`)';
  if (/^next-auth(\/react)?#|^@\/auth#|auth#signIn$/.test(source) && last === 'signIn') {
    const provider = (node as { arguments: Node[] }).arguments[0];
    if (provider?.type === 'StringLiteral' && provider.value === 'credentials') return "signs in with a password (`signIn('credentials')`)";
  }
  if (/(^|\.)(user|users|account|accounts)\.create$/.test(path) && /prisma|db/i.test(path.split('.')[0]!)) return 'creates accounts';
  return null;
}

function aiCall(path: string, last: string, source: string, node: Node, anthropic: boolean): string | null {
  for (const [pattern, what] of AI_MEMBER_CALLS) if (pattern.test(path)) return what;
  if (Object.hasOwn(OPENAI_V3_METHODS, last) && /openai/i.test(path)) return OPENAI_V3_METHODS[last]!.api;
  if (/(^|\.)messages\.(create|stream)$/.test(path) && (anthropic || /anthropic|claude/i.test(path))) return 'the Anthropic API';
  if (AI_SDK_FUNCTIONS.has(last) && /^ai#/.test(source)) return `the AI SDK's \`${last}\``;
  if (last === 'fetch') {
    const url = (node as { arguments: Node[] }).arguments[0];
    const text =
      url?.type === 'StringLiteral' ? url.value : url?.type === 'TemplateLiteral' ? url.quasis.map((q) => q.value.raw).join('') : '';
    const host = AI_HOSTS.exec(text);
    if (host) return host[0];
  }
  return null;
}

/** Imports of a limiter library: the file limits with it, wherever its handlers call it. */
export function importsLimiter(program: Program): boolean {
  return program.body.some((statement) => statement.type === 'ImportDeclaration' && LIMITER_PACKAGES.test(statement.source.value));
}

/** A middleware file that calls a limiter covers every route its matcher reaches. */
export const MIDDLEWARE_FILE = /(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/;
export const LIMITER_TEXT = screened(/rate_?limit|limiter|throttl|@upstash\/ratelimit|@arcjet\/|rate-limiter-flexible|@unkey\/ratelimit/i);

/** The module-level functions by name: declarations, and `const f = () => …` or `= function …`. */
export function moduleFunctions(program: Program): Map<string, Node> {
  const functions = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) functions.set(declaration.id.name, declaration);
    if (declaration?.type === 'VariableDeclaration')
      for (const declarator of declaration.declarations)
        if (
          declarator.id.type === 'Identifier' &&
          (declarator.init?.type === 'ArrowFunctionExpression' || declarator.init?.type === 'FunctionExpression')
        )
          functions.set(declarator.id.name, declarator.init);
  }
  return functions;
}

/** The module's own functions a handler calls by name, one level deep: `checkPassword()` next to the handler. */
export function localCallees(program: Program, fn: Node): Node[] {
  const functions = moduleFunctions(program);
  const called = new Set<Node>();
  forEachNode(fn, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      const target = functions.get(node.callee.name);
      if (target && target !== fn) called.add(target);
    }
  });
  return [...called];
}
