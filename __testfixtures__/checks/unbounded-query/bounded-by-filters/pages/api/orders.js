import { pool } from '../../lib/db'

export default async function handler(req, res) {
  const { rows } = await pool.query('select * from orders where master = $1 and order_month = $2 and year = $3', [req.query.master, req.query.month, req.query.year])
  res.status(200).json(rows)
}
