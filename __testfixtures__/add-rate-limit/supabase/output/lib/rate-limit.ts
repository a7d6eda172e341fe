import { createClient } from '@supabase/supabase-js';

// At most LIMIT requests per caller and route in each window of WINDOW_SECONDS (a fixed window:
// the count starts again at each window's start).
const LIMIT = 10;
const WINDOW_SECONDS = 60;

// The server's service-role client: only service_role may execute rate_limit_hit, which counts
// in a table that row level security keeps from every other role. Server-side code only.
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});

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
  // One atomic INSERT … ON CONFLICT … DO UPDATE … RETURNING in the database, shared by every instance.
  const { data, error } = await supabase.rpc('rate_limit_hit', { p_key: key, p_window_seconds: windowSeconds }).single();
  if (error) throw error;
  const { hits, retry_after: retryAfter } = data as { hits: number; retry_after: number };
  return { allowed: hits <= limit, remaining: Math.max(0, limit - hits), retryAfter };
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
