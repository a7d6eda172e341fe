import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';
import { getCurrentUser } from '@/lib/session';
import { rateLimit } from '@/lib/rate-limit';

export async function POST(request: Request) {
  const user = await getCurrentUser(request);
  if (!user) {
    return Response.json({ error: 'Not signed in' }, { status: 401 });
  }
  const rate = await rateLimit(`/api/account/password:user:${user.id}`);
  if (!rate.allowed) {
    return Response.json({ error: 'Too many requests' }, { status: 429, headers: { 'Retry-After': String(rate.retryAfter) } });
  }
  const { current } = await request.json();
  const { rows } = await pool.query('select password_hash from users where id = $1', [user.id]);
  if (!(await bcrypt.compare(current, rows[0].password_hash))) {
    return Response.json({ error: 'Wrong password' }, { status: 403 });
  }
  return Response.json({ ok: true });
}
