import { prisma } from './prisma/prisma';

// At most LIMIT requests per caller and route in each window of WINDOW_SECONDS (a fixed window:
// the count starts again at each window's start).
const LIMIT = 10;
const WINDOW_SECONDS = 60;

// One atomic statement per request, so every server instance shares one count: a new key or a new
// window starts at 1, a request in the current window adds 1. The database's clock decides the window.
const HIT = `insert into rate_limits as r (key, window_start, hits)
values ($1, to_timestamp(floor(extract(epoch from now()) / $2::integer) * $2::integer), 1)
on conflict (key) do update
set hits = case when r.window_start = excluded.window_start then r.hits + 1 else 1 end,
window_start = excluded.window_start
returning r.hits::integer as hits,
greatest(1, ceil(extract(epoch from r.window_start + make_interval(secs => $2::integer) - now())))::integer as retry_after`;

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
  const [row] = await prisma.$queryRawUnsafe<Array<{ hits: number; retry_after: number }>>(HIT, key, windowSeconds);
  const hits = Number(row!.hits);
  return { allowed: hits <= limit, remaining: Math.max(0, limit - hits), retryAfter: Number(row!.retry_after) };
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
