import type { NextApiRequest, NextApiResponse } from 'next';
import pool from '../../lib/pool';

const query = 'SELECT * FROM logs';

// The parameter is another `query` than the module's: its text is not known, so nothing is said of it.
async function run(query: string) {
  const { rows } = await pool.query(query);
  return rows;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json(await run(`${query} WHERE id = $1`));
}
