import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';
import { clientAddress, rateLimit } from '@/lib/rate-limit';

export async function POST(request: Request) {
  const rate = await rateLimit(`/api/auth/login:ip:${clientAddress(request.headers)}`);
  if (!rate.allowed) {
    return Response.json({ error: 'Too many requests' }, { status: 429, headers: { 'Retry-After': String(rate.retryAfter) } });
  }
  const { email, password } = await request.json();
  const { rows } = await pool.query('select id, password_hash from users where email = $1', [email]);
  if (!rows[0] || !(await bcrypt.compare(password, rows[0].password_hash))) {
    return Response.json({ error: 'Invalid credentials' }, { status: 401 });
  }
  return Response.json({ id: rows[0].id });
}
