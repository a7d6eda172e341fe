import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const body = await req.json();
  switch (body.type) {
    case 'checkout.session.completed':
      await db.order.update({ where: { sessionId: body.data.object.id }, data: { paid: true } });
      break;
    case 'invoice.paid': {
      const { customer } = body.data.object;
      await db.subscription.update({ where: { customer }, data: { active: true } });
      break;
    }
  }
  return NextResponse.json({ received: true, body });
}
