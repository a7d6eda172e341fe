import { Client } from "pg"

export async function GET() {
  const client = new Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  const { rows } = await client.query("select id, name from users order by id limit 20")
  await client.end()
  return Response.json(rows)
}
