import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';
import { getCurrentUser } from '@/lib/session';

export async function POST(request: Request) {
  const user = await getCurrentUser(request);
  if (!user) {
    return Response.json({ error: 'Not signed in' }, { status: 401 });
  }
  const { current } = await request.json();
  const { rows } = await pool.query('select password_hash from users where id = $1', [user.id]);
  if (!(await bcrypt.compare(current, rows[0].password_hash))) {
    return Response.json({ error: 'Wrong password' }, { status: 403 });
  }
  return Response.json({ ok: true });
}
