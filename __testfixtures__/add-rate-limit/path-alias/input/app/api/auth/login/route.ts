import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';

export async function POST(request: Request) {
  const { email, password } = await request.json();
  const { rows } = await pool.query('select id, password_hash from users where email = $1', [email]);
  if (!rows[0] || !(await bcrypt.compare(password, rows[0].password_hash))) {
    return Response.json({ error: 'Invalid credentials' }, { status: 401 });
  }
  return Response.json({ id: rows[0].id });
}
