import type { NextApiRequest, NextApiResponse } from 'next';
import { Pool } from 'pg';

const pool = new Pool();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await pool.query('DELETE FROM tasks WHERE id = $1', [req.query.id]);
  res.status(204).end();
}
