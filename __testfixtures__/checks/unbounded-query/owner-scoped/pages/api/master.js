import { Client } from 'pg'

export default async function handler(req, res) {
  const client = new Client(process.env.DATABASE_URL)
  await client.connect()
  const { rows: images } = await client.query('select * from "images" where "nikname" = $1 and "service" = $2', [req.query.nikname, req.query.service])
  const { rows: events } = await client.query('select * from "events" where "master_nikname" = $1 order by "date_event"', [req.query.nikname])
  const { rows: orders } = await client.query('select date_order from "orders" where master = $1 order by id desc', [req.query.nikname])
  const { rows: chats } = await client.query('select * from "chat" where "recipient_nikname" = $1 or "sendler_nikname" = $1', [req.query.nikname])
  const { rows: conversation } = await client.query(
    'select * from "chat" where ("sender" = $1 and "recipient" = $2) or ("sender" = $2 and "recipient" = $1)',
    [req.query.nikname, req.query.username],
  )
  const { rows: clients } = await client.query('select phone, blocked from "clients" where "phone" = $1', [req.query.phone])
  const { rows: notes } = await client.query('select * from notes where user_id = $1', [req.query.id])
  await client.end()
  res.status(200).json({ images, events, orders, chats, conversation, clients, notes })
}
