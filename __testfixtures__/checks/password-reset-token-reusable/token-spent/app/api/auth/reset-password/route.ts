import { NextResponse } from 'next/server';
import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';

export async function POST(request: Request) {
  const { token, password } = await request.json();
  const { rows } = await pool.query(
    'SELECT user_id FROM password_reset_tokens WHERE token_hash = $1 AND expires_at > now()',
    [token],
  );
  if (rows.length === 0) return NextResponse.json({ error: 'Invalid token' }, { status: 400 });
  const hash = await bcrypt.hash(password, 12);
  await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, rows[0].user_id]);
  await pool.query('DELETE FROM password_reset_tokens WHERE user_id = $1', [rows[0].user_id]);
  return NextResponse.json({ ok: true });
}
