import { pool } from '../lib/db';
import { prisma } from '../lib/prisma';

export default async function handler(req, res) {
  const { rows } = await pool.query('SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC;', [req.query.customer]);
  const products = await pool.query(`SELECT p.* FROM products p WHERE p.active = true`);
  const joined = await pool.query('SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id');
  res.status(200).json({ orders: rows, products: products.rows, joined: joined.rows });
}

export async function getStaticProps() {
  const tags = await prisma.$queryRaw`SELECT * FROM "Tag" WHERE active = ${true}`;
  return { props: { tags }, revalidate: 60 };
}

export async function listOrders(customer) {
  const { rows } = await pool.query('SELECT id, total FROM orders WHERE customer_id = $1', [customer]);
  return rows;
}
