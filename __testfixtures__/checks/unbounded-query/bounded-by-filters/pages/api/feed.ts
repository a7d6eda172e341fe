import type { NextApiRequest, NextApiResponse } from 'next';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// The last 14 days, a window that moves with the clock: as many rows as that window lets through.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const query = `
    SELECT r.*, o.ping_at
    FROM requests r
    LEFT JOIN online o ON o.user_address = r.requester_address
    WHERE r.created_at >= NOW() - INTERVAL '336 hours'
    ORDER BY r.created_at DESC;
  `;
  const { rows } = await pool.query(query);
  res.status(200).json(rows);
}
