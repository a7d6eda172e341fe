import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import Stripe from 'stripe';

export async function POST(req: Request) {
  const rawBody = await req.text();
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, req.headers.get('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  switch (event.type) {
    case 'checkout.session.completed':
      await db.order.update({ where: { sessionId: event.data.object.id }, data: { paid: true } });
      break;
    case 'invoice.paid': {
      const { customer } = event.data.object;
      await db.subscription.update({ where: { customer }, data: { active: true } });
      break;
    }
  }
  return NextResponse.json({ received: true, body: event });
}
