import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

// At most LIMIT requests per caller and route in each window of WINDOW_SECONDS (a fixed window:
// the count starts again at each window's start).
const LIMIT = 10;
const WINDOW_SECONDS = 60;

const redis = Redis.fromEnv();
// One client per limit and window the app asks for.
const ratelimitCache = new Map<string, Ratelimit>();

function ratelimitFor(limit: number, windowSeconds: number): Ratelimit {
  const name = `${limit}/${windowSeconds}`;
  let ratelimit = ratelimitCache.get(name);
  if (!ratelimit) {
    ratelimit = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(limit, `${windowSeconds} s`), prefix: `rate-limit:${name}` });
    ratelimitCache.set(name, ratelimit);
  }
  return ratelimit;
}

export interface RateLimitResult {
  allowed: boolean,
  remaining: number,
  /** Seconds until the window ends: the `Retry-After` of a 429. */
  retryAfter: number,
}

/** Counts one request for `key` and says whether it is within the limit (LIMIT per WINDOW_SECONDS unless given). */
export async function rateLimit(
  key: string,
  { limit = LIMIT, windowSeconds = WINDOW_SECONDS }: { limit?: number; windowSeconds?: number } = {},
): Promise<RateLimitResult> {
  const { success, remaining, reset } = await ratelimitFor(limit, windowSeconds).limit(key);
  return { allowed: success, remaining, retryAfter: Math.max(1, Math.ceil((reset - Date.now()) / 1000)) };
}

/**
 * The caller's address: the first entry of `x-forwarded-for`, which the host's proxy sets (Vercel,
 * Netlify and Fly overwrite what the client sent). Behind no proxy, the header is the client's own.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const forwarded = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || 'unknown';
}
