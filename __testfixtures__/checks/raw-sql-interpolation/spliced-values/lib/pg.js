import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function findUser(name) {
  const result = await pool.query(`SELECT * FROM users WHERE name = '${name}'`);
  return result.rows;
}

export async function recent(ownerId, limit) {
  const { rows } = await pool.query(`
    SELECT id, title
    FROM tasks
    WHERE owner_id = ${ownerId} AND note <> 'it''s done'
    LIMIT ${limit}
  `);
  return rows;
}
