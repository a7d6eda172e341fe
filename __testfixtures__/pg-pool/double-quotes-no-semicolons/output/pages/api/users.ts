import type { NextApiRequest, NextApiResponse } from "next"
import { pool as client } from "../../lib/db-pool"

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { rows } = await client.query("SELECT id, email FROM users WHERE id = $1", [req.query.id])
  res.json(rows[0] ?? null)
}
