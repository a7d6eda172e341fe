import { screened } from '../engine/needles.ts';

/** SDKs that hold a secret or a database connection, by package: they belong on the server. */
export const SERVER_SDKS: ReadonlyArray<[RegExp, string]> = [
  [/^openai$/, 'OpenAI SDK'],
  [/^@anthropic-ai\/sdk$/, 'Anthropic SDK'],
  [/^stripe$/, 'Stripe server SDK'],
  [/^resend$/, 'Resend SDK'],
  [/^@sendgrid\/mail$/, 'SendGrid SDK'],
  [/^twilio$/, 'Twilio SDK'],
  [/^aws-sdk$|^@aws-sdk\/client-/, 'AWS SDK'],
  [/^pg$/, 'node-postgres driver'],
  [/^mysql2(\/promise)?$/, 'mysql2 driver'],
  [/^postgres$/, 'postgres.js driver'],
  [/^@prisma\/client$/, 'Prisma client'],
  [/^mongoose$/, 'Mongoose'],
  [/^firebase-admin(\/|$)/, 'Firebase Admin SDK'],
];

/** The AI model APIs a server calls, by the package of their SDK: what their calls cost depends on the tokens in and out. */
export type AiProvider = 'openai' | 'anthropic' | 'google' | 'google-genai' | 'ai-sdk';

export const AI_SDK_PACKAGES: ReadonlyArray<[RegExp, AiProvider]> = [
  [/^openai$/, 'openai'],
  [/^@anthropic-ai\/sdk$/, 'anthropic'],
  [/^@google\/generative-ai$/, 'google'],
  [/^@google\/genai$/, 'google-genai'],
  [/^ai$/, 'ai-sdk'],
];

/** The AI provider an import specifier names, or null. */
export function aiProviderOf(specifier: string): AiProvider | null {
  return AI_SDK_PACKAGES.find(([pattern]) => pattern.test(specifier))?.[1] ?? null;
}

const ENV_READ_TEXT = screened(/process\.env|import\.meta\.env/);
const SECRET_VARIABLE_TEXT = screened(/SECRET|SERVICE_ROLE|PRIVATE|PASSW|TOKEN|_URL|_URI|API_KEY|STRIPE|TWILIO|AWS/);

/** A cheap over-approximation: the text may read a secret environment variable. */
export function mayReadSecret(text: string): boolean {
  return ENV_READ_TEXT.test(text) && SECRET_VARIABLE_TEXT.test(text);
}

/** Every SDK pattern at once: most specifiers name none, and one test rules them out. */
const ANY_SDK = new RegExp(SERVER_SDKS.map(([pattern]) => `(?:${pattern.source})`).join('|'));

/** The kind of server SDK an import specifier names, or null. */
export function sdkOf(specifier: string): string | null {
  if (!ANY_SDK.test(specifier)) return null;
  return SERVER_SDKS.find(([pattern]) => pattern.test(specifier))?.[1] ?? null;
}

/** supabase-js and @supabase/ssr functions that build a client from a URL and a key. */
export const SUPABASE_CLIENT_FACTORIES: ReadonlySet<string> = new Set(['createClient', 'createBrowserClient', 'createServerClient']);
