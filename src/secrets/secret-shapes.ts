import { PUBLIC_ENV_PREFIX } from '../analysis/env-reads.ts';

/** What a credential looks like by value (the spec's list), with the provider it belongs to. */
export const SECRET_SHAPES: ReadonlyArray<{ provider: string; pattern: RegExp }> = [
  { provider: 'Stripe secret key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/g },
  { provider: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { provider: 'OpenAI API key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/g },
  { provider: 'Stripe webhook secret', pattern: /\bwhsec_[A-Za-z0-9]{16,}/g },
  { provider: 'Supabase secret key', pattern: /\bsb_secret_[A-Za-z0-9_-]{8,}/g },
  { provider: 'Resend API key', pattern: /\bre_[A-Za-z0-9]{6,}_[A-Za-z0-9]{12,}/g },
  { provider: 'SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { provider: 'Shopify Admin API token', pattern: /\bshp(?:at|ss|ca)_[a-f0-9]{32}\b/g },
  { provider: 'AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/g },
  { provider: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/g },
];

/**
 * What is masked wherever it is shown: every shape above but the private key header (the key's
 * body is masked instead), and tokens whose shape is known though no check reports them.
 */
export const MASKED_SHAPES: ReadonlyArray<{ provider: string; pattern: RegExp }> = [
  ...SECRET_SHAPES.filter(({ provider }) => provider !== 'private key'),
  { provider: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g },
  { provider: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { provider: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { provider: 'Slack webhook', pattern: /\bhooks\.slack\.com\/services\/[A-Za-z0-9/]+/g },
  { provider: 'Twilio API key', pattern: /\bSK[0-9a-fA-F]{32}\b/g },
  { provider: 'SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { provider: 'Resend API key', pattern: /\bre_(?=[A-Za-z0-9_]*\d)[A-Za-z0-9]{6,}_[A-Za-z0-9]{16,}/g },
  { provider: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { provider: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
];

/** A connection string that carries a password: `postgres://user:<password>@host`. */
export const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:\s/@'"`]+:)([^@\s/'"`]+)(@)/gi;

const JWT = /^eyJ[A-Za-z0-9_-]{8,}\.([A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]{6,}$/;

/** The `role` claim of a Supabase-style JWT: `anon` is public, `service_role` bypasses every RLS policy. */
export function jwtRole(value: string): string | null {
  const match = JWT.exec(value.trim());
  if (!match) return null;
  try {
    const payload = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as { role?: unknown };
    return typeof payload.role === 'string' ? payload.role : null;
  } catch {
    return null;
  }
}

const PLACEHOLDER = /your[-_]?|example|changeme|change[-_]me|placeholder|dummy|xxx|\.\.\.|<[^>]*>|\*\*\*|replace[-_]?me|insert[-_]|todo/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1+$/.test(value);
}

/** Which kind of secret a value is by its shape, or null. Placeholders and public keys are not secrets. */
export function secretKind(value: string): string | null {
  if (isPlaceholder(value) || publicByValue(value)) return null;
  for (const { provider, pattern } of SECRET_SHAPES) {
    pattern.lastIndex = 0;
    if (pattern.test(value)) return provider;
  }
  if (jwtRole(value) === 'service_role') return 'Supabase service-role key';
  URL_PASSWORD.lastIndex = 0;
  const url = URL_PASSWORD.exec(value);
  if (url && !isPlaceholder(url[2]!) && /^(postgres(ql)?|mysql|mongodb(\+srv)?|redis|rediss):/i.test(value)) return 'database password';
  return null;
}

/** Shannon entropy in bits per character: random tokens score above 3.5, words and sentences below. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A literal that reads like a generated token: long, mixed letters and digits, high entropy, no spaces. */
export function looksRandom(value: string): boolean {
  return (
    value.length >= 16 && !/\s/.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value) && entropy(value) >= 3.5 && !isPlaceholder(value)
  );
}

const SECRET_WORDS =
  /SECRET|SERVICE_?ROLE|SERVICE_KEY|PRIVATE|PASSWORD|PASSWD|TOKEN|DATABASE_URL|DB_URL|OPENAI_API_KEY|ANTHROPIC_API_KEY|STRIPE_(SECRET|RESTRICTED)|RESEND_API_KEY|SENDGRID_API_KEY|TWILIO_AUTH|AWS_SECRET|MONGODB_URI|ADMIN_(API_)?KEY/;
/**
 * Public by design: anon and publishable keys, public keys, analytics and site ids, and the client
 * tokens providers issue for browsers (Shopify Storefront, Mapbox `pk.`, Algolia search-only,
 * Sentry DSNs, Segment and PostHog write keys, Firebase web config).
 */
const PUBLIC_WORDS =
  /ANON|PUBLISHABLE|PUBLIC_KEY|SITE_KEY|MEASUREMENT_ID|ANALYTICS|TRACKING|STOREFRONT|PUBLIC_ACCESS_TOKEN|MAPBOX_(ACCESS_|PUBLIC_)?TOKEN|SEARCH_(ONLY_)?(API_)?KEY|(^|_)DSN($|_)|WRITE_KEY|POSTHOG_(PROJECT_)?(API_)?KEY|FIREBASE_(WEB_)?API_KEY/;
/** Words that keep a name secret even beside a public one (`MAPBOX_SECRET_TOKEN`). */
const ALWAYS_SECRET_WORDS = /SECRET|PRIVATE|ADMIN|SERVICE_?ROLE/;

/** `storefrontAccessToken` → `STOREFRONT_ACCESS_TOKEN`, so code names and env names read alike. */
export function constantCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** Whether a name (an env variable, or a property such as `storefrontAccessToken`) says its value is public by design. */
export function publicByName(name: string): boolean {
  const bare = constantCase(name).replace(PUBLIC_ENV_PREFIX, '');
  return PUBLIC_WORDS.test(bare) && !ALWAYS_SECRET_WORDS.test(bare);
}

/** Whether a variable's name says it holds a secret, whatever its prefix. */
export function secretByName(name: string): boolean {
  const bare = name.replace(PUBLIC_ENV_PREFIX, '');
  return SECRET_WORDS.test(bare) && !publicByName(bare);
}

/**
 * Values issued to be shipped to browsers: Stripe publishable keys, Mapbox public tokens, PostHog
 * project keys and Sentry DSNs. (A Firebase web `apiKey` is public too, but only its config says so.)
 */
export function publicByValue(value: string): boolean {
  return /^pk_(live|test)_|^pk\.eyJ|^phc_[A-Za-z0-9]{20,}$/.test(value) || /^https:\/\/[0-9a-f]{32}@[\w.-]*\.?sentry\.io\/\d+$/.test(value);
}

export function providerOf(name: string, kind?: string): string {
  if (kind) return kind;
  const known: Array<[RegExp, string]> = [
    [/SERVICE_ROLE/, 'Supabase service-role key'],
    [/OPENAI/, 'OpenAI key'],
    [/ANTHROPIC/, 'Anthropic key'],
    [/STRIPE/, 'Stripe secret key'],
    [/DATABASE_URL|DB_URL|MONGODB_URI/, 'database connection string'],
    [/RESEND/, 'Resend API key'],
    [/SENDGRID/, 'SendGrid API key'],
    [/TWILIO/, 'Twilio credential'],
    [/AWS/, 'AWS credential'],
    [/JWT/, 'JWT signing secret'],
  ];
  return known.find(([pattern]) => pattern.test(name))?.[1] ?? 'secret';
}

/** `an OpenAI API key`, `a Stripe secret key`. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
