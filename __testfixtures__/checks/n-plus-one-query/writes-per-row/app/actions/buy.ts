'use server';

import { prisma } from '../../lib/prisma';

export async function buy(cartId: string) {
  await prisma.$transaction(async (tx) => {
    const cartItems = await tx.cartItem.findMany({ where: { cartId } });
    for (const item of cartItems) {
      if (item.stockId) {
        await tx.stock.update({ where: { id: item.stockId }, data: { quantity: { increment: item.quantity } } });
      }
    }
    for (const { id, price } of cartItems) {
      await tx.priceHistory.upsert({ where: { itemId: id }, update: { price }, create: { itemId: id, price } });
    }
    for (const item of cartItems) {
      await tx.cartItem.update({ where: { id: item.id }, data: { cartId: null } });
    }
    for (const item of cartItems) {
      await tx.history.create({ data: { itemId: item.id } });
    }
  });
}

export async function restock(pool: { query: (text: string, values?: unknown[]) => Promise<{ rows: Array<{ id: number; delta: number }> }> }) {
  const { rows } = await pool.query('SELECT id, delta FROM deliveries');
  for (const delivery of rows) {
    await pool.query('UPDATE stock SET quantity = quantity + $1 WHERE id = $2', [delivery.delta, delivery.id]);
  }
}
