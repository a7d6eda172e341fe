import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const event = await req.json();
  switch (event.type) {
    case 'checkout.session.completed':
      await db.from('orders').update({ paid: true }).eq('session_id', event.data.object.id);
      break;
    case 'invoice.paid':
      await db.from('subscriptions').update({ active: true }).eq('customer', event.data.object.customer);
      break;
  }
  return NextResponse.json({ received: true });
}
