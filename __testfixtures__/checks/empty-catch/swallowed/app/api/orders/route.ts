import { NextResponse } from 'next/server';
import { db } from '../../../lib/db';
import { sendReceipt } from '../../../lib/mail';

export async function POST(request: Request) {
  const order = await request.json();
  try {
    await db.order.create({ data: order });
  } catch (error) {}

  try {
    await sendReceipt(order.email);
  } catch {
    return NextResponse.json({ received: true });
  }
  return NextResponse.json({ received: true });
}
