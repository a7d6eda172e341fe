import type { NextApiRequest, NextApiResponse } from 'next';
import pool from '../../lib/pool';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json((await lastKudos()).id);
}

const lastKudos = async (): Promise<{ id: number }> => {
  const queryString = `SELECT * FROM users_final ORDER BY id DESC`;
  return new Promise((resolve, reject) => {
    pool.query(queryString, [], (err, result) => (err ? reject(err) : resolve(result.rows[0])));
  });
};
