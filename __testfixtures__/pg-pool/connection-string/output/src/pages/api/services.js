import { pool as client } from '../../lib/db'

export default async function handler(req, res) {
  const { rows } = await client.query('SELECT * FROM services WHERE nikname = $1', [req.query.nikname])
  res.status(200).json(rows)
}
