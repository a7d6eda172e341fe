import { pool as client } from '../../lib/db'

export default async function handler(req, res) {
  const { rows } = await client.query('SELECT * FROM orders WHERE master = $1', [req.query.master])
  res.status(200).json(rows)
}
