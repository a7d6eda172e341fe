import type { NextApiRequest, NextApiResponse } from 'next';
import { Client } from 'pg';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  // TODO(shipshape): these settings differ from the shared pool in lib/db.ts: use it, or a second pool for this database
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('SELECT id, email FROM users');
  await client.end();
  res.json(rows);
}
