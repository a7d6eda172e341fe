import { pool } from '@/lib/db';
import { rateLimit } from '../../../lib/rate-limit';

const RATE_LIMIT_WINDOW_MS = 15 * 60 * 1000;
const RATE_LIMIT_MAX = 5;

async function isRateLimited(ip: string): Promise<boolean> {
  const rate = await rateLimit(`/api/contact:${ip}`, { limit: RATE_LIMIT_MAX, windowSeconds: RATE_LIMIT_WINDOW_MS / 1000 });
  return !rate.allowed;
}

export async function POST(request: Request) {
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown';
  if (await isRateLimited(ip)) {
    return Response.json({ error: 'Too many messages, try again later' }, { status: 429 });
  }
  const { email, body } = await request.json();
  await pool.query('insert into messages (email, body) values ($1, $2)', [email, body]);
  return Response.json({ ok: true });
}
