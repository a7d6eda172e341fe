import type { NextApiRequest, NextApiResponse } from 'next';
import pool from '../../lib/pool';

// Older than 30 days is every row but the newest: no window at all.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const query = `SELECT * FROM events WHERE created_at <= now() - interval '30 days' ORDER BY created_at`;
  const { rows } = await pool.query(query);
  res.status(200).json(rows);
}
