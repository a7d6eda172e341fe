const { Client } = require('pg')

export default async function handler(req, res) {
  const client = new Client(process.env.pg_data)
  await client.connect()
  const { rows } = await client.query('SELECT * FROM orders WHERE master = $1', [req.query.master])
  await client.end()
  res.status(200).json(rows)
}
