import { NextResponse } from 'next/server';
import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';
import { getToken } from '@/lib/session';

export async function POST(request: Request) {
  const session = await getToken(request);
  const { password } = await request.json();
  await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [await bcrypt.hash(password, 12), session.userId]);
  return NextResponse.json({ ok: true });
}
