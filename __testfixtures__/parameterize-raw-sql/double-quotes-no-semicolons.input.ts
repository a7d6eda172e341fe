import { Pool } from "pg"

const pool = new Pool()

export async function byOwner(ownerId: string) {
  const { rows } = await pool.query("SELECT * FROM tasks WHERE owner_id = '" + ownerId + "'")
  return rows
}
