const pg = require('pg');

const db = new pg.Pool({
  connectionString: process.env.DATABASE_URL
});

export default async function handler(req, res) {
  const result = await db.query('select now()');
  res.json(result.rows[0]);
}
