import { pool } from '../../lib/db'

export default async function handler(req, res) {
  const { rows } = await pool.query('select * from orders where master = $1 order by id desc', [req.query.master])
  res.status(200).json(rows)
}
