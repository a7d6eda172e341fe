import type { NextApiRequest, NextApiResponse } from 'next';
import { Client } from 'pg';

const config = { connectionString: process.env.REPORTS_URL, statement_timeout: 5000 };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  // TODO(shipshape): move these settings into one pool shared by the whole app and use it here, instead of a connection per request
  const client = new Client(config);
  await client.connect();
  const { rows } = await client.query('SELECT * FROM reports');
  await client.end();
  res.json(rows);
}
