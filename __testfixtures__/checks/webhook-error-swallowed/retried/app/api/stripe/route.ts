import type Stripe from 'stripe';
import { stripe } from '@/lib/stripe';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const body = await req.text();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch (err) {
    console.warn('bad signature', err);
    return new Response('Invalid signature', { status: 400 });
  }
  try {
    if (event.type === 'invoice.paid') await db.from('invoices').update({ paid: true }).eq('id', event.data.object.id);
  } catch (err) {
    console.error('webhook failed', err);
    return new Response('Webhook handler failed', { status: 500 });
  }
  return Response.json({ received: true });
}
