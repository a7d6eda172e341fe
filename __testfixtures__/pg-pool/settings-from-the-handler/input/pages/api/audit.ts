import type { NextApiRequest, NextApiResponse } from 'next';
import { Client } from 'pg';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = new Client({ connectionString: process.env.AUDIT_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('SELECT * FROM audit_log ORDER BY at DESC LIMIT 50');
  await client.end();
  res.json(rows);
}
