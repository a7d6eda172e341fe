import postgres from 'postgres'

const sql = postgres(process.env.DATABASE_URL)

export default async function handler(req, res) {
  const orders = await sql`select * from orders where client = ${req.query.nikname} order by id desc`
  res.status(200).json(orders)
}
