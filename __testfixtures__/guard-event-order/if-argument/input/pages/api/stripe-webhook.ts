import type { NextApiRequest, NextApiResponse } from 'next';
import Stripe from 'stripe';
import { buffer } from 'micro';
import prisma from '../../lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const config = { api: { bodyParser: false } };

async function saveSubscription(subscription: Stripe.Subscription) {
  await prisma.subscription.upsert({
    where: { stripeId: subscription.id },
    create: { stripeId: subscription.id, status: subscription.status },
    update: { status: subscription.status },
  });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const event = stripe.webhooks.constructEvent(await buffer(req), req.headers['stripe-signature']!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'customer.subscription.created' || event.type === 'customer.subscription.updated') {
    await saveSubscription(event.data.object as Stripe.Subscription);
  }
  res.json({ received: true });
}
