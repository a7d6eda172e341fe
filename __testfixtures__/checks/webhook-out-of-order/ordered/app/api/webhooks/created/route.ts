import Stripe from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// The stored time of the last event is compared with this one's: an older event changes nothing.
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'customer.subscription.updated') {
    const subscription = event.data.object as Stripe.Subscription;
    await prisma.subscription.updateMany({
      where: { stripeId: subscription.id, eventAt: { lt: new Date(event.created * 1000) } },
      data: { status: subscription.status, eventAt: new Date(event.created * 1000) },
    });
  }
  return Response.json({ received: true });
}
