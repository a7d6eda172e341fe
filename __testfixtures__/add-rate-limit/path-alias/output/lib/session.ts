import { pool } from './db';

/** The user whose session token the request carries, or null. */
export async function getCurrentUser(request: Request): Promise<{ id: number } | null> {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
  if (!token) return null;
  const { rows } = await pool.query('select user_id as id from sessions where token = $1', [token]);
  return rows[0] ?? null;
}
