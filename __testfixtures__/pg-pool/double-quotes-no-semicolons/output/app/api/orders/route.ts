import { pool as connection } from "../../../lib/db"

export async function GET() {
  const [rows] = await connection.query("SELECT id, total FROM orders ORDER BY id DESC LIMIT 20")
  return Response.json(rows)
}
