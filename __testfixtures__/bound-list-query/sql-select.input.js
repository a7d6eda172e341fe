export async function listOrders(pool, customer) {
  const { rows } = await pool.query('SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC;', [customer]);
  return rows;
}

export const listProducts = (prisma) => prisma.$queryRaw`SELECT * FROM "Product" WHERE active = ${true}`;
