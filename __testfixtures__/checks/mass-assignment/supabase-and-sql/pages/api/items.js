import { Pool } from 'pg';

const pool = new Pool();

export default async function handler(req, res) {
  const { body } = req;
  const columns = Object.keys(body);
  const values = Object.values(body);
  const sql = `INSERT INTO items (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  await pool.query(sql, values);
  res.status(201).end();
}
