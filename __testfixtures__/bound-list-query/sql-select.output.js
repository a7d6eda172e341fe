export async function listOrders(pool, customer) {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { rows } = await pool.query('SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 100;', [customer]);
  return rows;
}

// TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
export const listProducts = (prisma) => prisma.$queryRaw`SELECT * FROM "Product" WHERE active = ${true} LIMIT 100`;
