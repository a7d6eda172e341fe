import Stripe from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// Every write sets values keyed by Stripe's own ids: a redelivery writes the same row again.
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated': {
      const subscription = await stripe.subscriptions.retrieve((event.data.object as Stripe.Subscription).id);
      await prisma.subscription.upsert({
        where: { stripeSubscriptionId: subscription.id },
        create: { stripeSubscriptionId: subscription.id, status: subscription.status },
        update: { status: subscription.status },
      });
      break;
    }
    case 'customer.subscription.deleted':
      await prisma.subscription.delete({ where: { stripeSubscriptionId: (event.data.object as Stripe.Subscription).id } });
      break;
  }
  return Response.json({ received: true });
}
