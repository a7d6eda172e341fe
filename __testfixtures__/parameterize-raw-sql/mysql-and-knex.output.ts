import mysql from 'mysql2/promise';
import { knex } from './db';

const connection = await mysql.createPool(process.env.DATABASE_URL!);

export async function byEmail(email: string) {
  const [rows] = await connection.execute('SELECT id FROM accounts WHERE email = ?', [email]);
  const count = await knex.raw('SELECT count(*) FROM orders WHERE account = ?', [email]);
  return { rows, count };
}
