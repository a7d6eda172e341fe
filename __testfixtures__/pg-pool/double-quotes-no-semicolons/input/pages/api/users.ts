import type { NextApiRequest, NextApiResponse } from "next"
import { Client } from "pg"

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = new Client({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } })
  await client.connect()
  try {
    const { rows } = await client.query("SELECT id, email FROM users WHERE id = $1", [req.query.id])
    res.json(rows[0] ?? null)
  } finally {
    await client.end()
  }
}
