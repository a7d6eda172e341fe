'use server';
import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';
import { headers } from 'next/headers';
import { clientAddress, rateLimit } from '@/lib/rate-limit';

export async function signIn(formData: FormData) {
  const rate = await rateLimit(`action:signIn:ip:${clientAddress(await headers())}`);
  if (!rate.allowed) {
    throw new Error(`Too many attempts: try again in ${rate.retryAfter} seconds`);
  }
  const { rows } = await pool.query('select password_hash from users where email = $1', [formData.get('email')]);
  return !!rows[0] && (await bcrypt.compare(String(formData.get('password')), rows[0].password_hash));
}
