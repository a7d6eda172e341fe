import mysql from "mysql2/promise"

export async function GET() {
  const connection = await mysql.createConnection(process.env.MYSQL_URL!)
  const [rows] = await connection.query("SELECT id, total FROM orders ORDER BY id DESC LIMIT 20")
  await connection.end()
  return Response.json(rows)
}
