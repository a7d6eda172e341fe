import type Stripe from 'stripe';
import { NextResponse } from 'next/server';
import { stripe } from '@/lib/stripe';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const body = await req.text();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  try {
    if (event.type === 'checkout.session.completed') {
      const { error } = await db.from('orders').update({ paid: true }).eq('id', event.data.object.id);
      if (error) throw error;
    }
  } catch (err) {
    console.error('webhook failed', err);
    return NextResponse.json({ received: true });
  }
  try {
    await db.from('emails').insert({ to: event.data.object.id });
  } catch {}
  return NextResponse.json({ received: true });
}
