const pg = require('pg');

const db = new pg.Client(process.env.DATABASE_URL);
db.connect().then(() => console.log('connected'));

export default async function handler(req, res) {
  const result = await db.query('select now()');
  res.json(result.rows[0]);
}
