import Stripe from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// The subscription is fetched from Stripe: whatever order the events come in, the newest state is written.
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  switch (event.type) {
    case 'customer.subscription.updated': {
      const subscription = await stripe.subscriptions.retrieve((event.data.object as Stripe.Subscription).id);
      await prisma.subscription.update({ where: { stripeId: subscription.id }, data: { status: subscription.status } });
      break;
    }
    case 'invoice.paid':
      await prisma.invoice.update({ where: { stripeId: (event.data.object as Stripe.Invoice).id }, data: { paid: true } });
      break;
  }
  return Response.json({ received: true });
}
