import type { NextApiRequest, NextApiResponse } from 'next';
import pool from '../../lib/pool';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { id } = await lastUser();
  res.status(200).json(id);
}

// Callback style: every user, newest first, to answer with one.
const lastUser = async (): Promise<{ id: number }> =>
  new Promise((resolve, reject) => {
    pool.query('SELECT * FROM users ORDER BY id DESC', [], (err, result) => {
      if (err) reject(err);
      else resolve(result.rows[0]);
    });
  });
