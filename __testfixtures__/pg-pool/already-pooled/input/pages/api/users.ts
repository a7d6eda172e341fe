import { pool } from '../../lib/db';

export default async function handler() {
  const { rows } = await pool.query('SELECT 1');
  return rows;
}
