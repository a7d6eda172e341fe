import { NextResponse } from 'next/server';
import { db, warmCache } from '../../../lib/db';

export async function POST(request: Request) {
  let order: unknown;
  try {
    order = JSON.parse(await request.text());
  } catch {
    order = {};
  }
  try {
    await db.order.create({ data: order });
  } catch (error) {
    console.error('POST /api/orders failed', error);
    return NextResponse.json({ message: 'Could not save the order' }, { status: 500 });
  }
  try {
    await warmCache();
  } catch {
    // best effort: the cache fills itself on the next read
  }
  try {
    await db.order.create({ data: order });
  } catch {
    return NextResponse.json({ message: 'Could not save the order' }, { status: 503 });
  }
  return NextResponse.json({ received: true });
}
