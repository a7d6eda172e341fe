import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { db } from '../../../lib/db';

export async function GET() {
  const userId = cookies().get('userId')?.value;
  const orders = await db.order.findMany({ where: { userId } });
  return NextResponse.json(orders);
}
