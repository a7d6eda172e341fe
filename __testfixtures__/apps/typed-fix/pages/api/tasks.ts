import type { NextApiRequest, NextApiResponse } from 'next';
import { Client } from 'pg';
import { audit } from '../../lib/audit';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await audit(client, 'tasks');
  const { rows } = await client.query('SELECT id, title FROM tasks WHERE owner = $1 LIMIT 50', [req.query.owner]);
  await client.end();
  res.status(200).json(rows);
}
