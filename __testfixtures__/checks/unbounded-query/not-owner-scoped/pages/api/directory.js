import { Client } from 'pg'

export default async function handler(req, res) {
  const client = new Client(process.env.DATABASE_URL)
  await client.connect()
  const { rows: gallery } = await client.query('select * from "images" where "city" = $1 and "service" = $2', [req.query.city, req.query.service])
  const { rows: masters } = await client.query('select * from "masters" where state = $1 and status = $2', [req.query.state, req.query.status])
  const { rows: all } = await client.query('select * from "orders" order by id desc')
  const { rows: orphans } = await client.query('select * from notes where user_id is null')
  const { rows: broadcasts } = await client.query('select * from "adminchat" where "recipient" = $1 or "recipient" = $2', ['all', req.query.status])
  const { rows: byMaster } = await client.query('select * from "orders" where master = $1', [req.query.master])
  await client.end()
  res.status(200).json({ gallery, masters, all, orphans, broadcasts, byMaster })
}
