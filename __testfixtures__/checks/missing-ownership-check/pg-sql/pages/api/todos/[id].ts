import type { NextApiRequest, NextApiResponse } from 'next';
import { Pool } from 'pg';
import postgres from 'postgres';
import { getSession } from '../../../lib/auth';

const pool = new Pool();
const sql = postgres();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = Number(req.query.id);
  if (req.method === 'GET') {
    const { rows } = await pool.query('SELECT * FROM todos WHERE id = $1', [id]);
    return res.json(rows[0] ?? null);
  }
  if (req.method === 'DELETE') {
    await sql`delete from todos where id = ${id}`;
    return res.status(204).end();
  }
  const session = await getSession(req);
  await pool.query('UPDATE todos SET done = true WHERE id = $1 AND user_id = $2', [id, session.user.id]);
  res.status(204).end();
}
