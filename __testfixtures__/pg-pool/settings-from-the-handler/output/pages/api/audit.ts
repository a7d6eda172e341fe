import type { NextApiRequest, NextApiResponse } from 'next';
import { pool as client } from '../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { rows } = await client.query('SELECT * FROM audit_log ORDER BY at DESC LIMIT 50');
  res.json(rows);
}
