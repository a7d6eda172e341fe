import { pool } from '@/lib/db';

const RATE_LIMIT_WINDOW_MS = 15 * 60 * 1000;
const RATE_LIMIT_MAX = 5;

// In-memory sliding window per IP
const rateLimitMap = new Map<string, number[]>();

function isRateLimited(ip: string): boolean {
  const now = Date.now();
  const timestamps = rateLimitMap.get(ip) ?? [];
  const recent = timestamps.filter((t) => now - t < RATE_LIMIT_WINDOW_MS);
  if (recent.length >= RATE_LIMIT_MAX) {
    return true;
  }
  recent.push(now);
  rateLimitMap.set(ip, recent);
  return false;
}

setInterval(() => {
  const now = Date.now();
  for (const [ip, timestamps] of rateLimitMap) {
    if (timestamps.every((t) => now - t >= RATE_LIMIT_WINDOW_MS)) rateLimitMap.delete(ip);
  }
}, RATE_LIMIT_WINDOW_MS);

export async function POST(request: Request) {
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown';
  if (isRateLimited(ip)) {
    return Response.json({ error: 'Too many messages, try again later' }, { status: 429 });
  }
  const { email, body } = await request.json();
  await pool.query('insert into messages (email, body) values ($1, $2)', [email, body]);
  return Response.json({ ok: true });
}
