import type { NextApiRequest, NextApiResponse } from 'next';
import { pool, sql } from '../../../lib/db';
import { getUser } from '../../../lib/auth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser(req);
  if (!user) return res.status(401).json({ error: 'Unauthorized' });
  const id = Number(req.query.id);
  if (req.method === 'GET') {
    const { rows } = await pool.query('SELECT id, title, done FROM todos WHERE id = $1 AND user_id = $2', [id, user.id]);
    if (rows.length === 0) return res.status(404).json({ error: 'Not found' });
    return res.json(rows[0]);
  }
  if (req.method === 'PUT') {
    const result = await pool.query('UPDATE todos SET done = $1 WHERE id = $2 AND user_id = $3 RETURNING id', [Boolean(req.body.done), id, user.id]);
    if (result.rowCount === 0) return res.status(404).json({ error: 'Not found' });
    return res.json(result.rows[0]);
  }
  const { count } = await sql`delete from todos where id = ${id} and user_id = ${user.id}`;
  if (count === 0) return res.status(404).json({ error: 'Not found' });
  res.status(204).end();
}
