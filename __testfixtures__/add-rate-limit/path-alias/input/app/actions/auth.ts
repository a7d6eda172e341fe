'use server';
import bcrypt from 'bcryptjs';
import { pool } from '@/lib/db';

export async function signIn(formData: FormData) {
  const { rows } = await pool.query('select password_hash from users where email = $1', [formData.get('email')]);
  return !!rows[0] && (await bcrypt.compare(String(formData.get('password')), rows[0].password_hash));
}
