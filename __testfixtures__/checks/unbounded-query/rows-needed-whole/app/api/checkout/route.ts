import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
import { pool } from '@/lib/db';

export async function POST(request: Request) {
  const { cartId } = await request.json();
  const order = await prisma.$transaction(async (tx) => {
    const items = await tx.cartItem.findMany({ where: { cartId }, include: { product: true } });
    for (const item of items) {
      await tx.product.update({ where: { id: item.productId }, data: { stock: { decrement: item.quantity } } });
    }
    return tx.order.create({ data: { cartId, total: items.reduce((sum, item) => sum + item.quantity * item.product.price, 0) } });
  });
  return NextResponse.json(order);
}

export async function PUT(request: Request) {
  const { cartId } = await request.json();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT * FROM cart_items WHERE cart_id = $1', [cartId]);
    await client.query('DELETE FROM cart_items WHERE cart_id = $1', [cartId]);
    await client.query('COMMIT');
    return NextResponse.json(rows);
  } finally {
    client.release();
  }
}

export const snapshot = () => prisma.$transaction([prisma.cartItem.findMany(), prisma.product.findMany()]);
