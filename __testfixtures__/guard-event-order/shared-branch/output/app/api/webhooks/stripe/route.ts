import Stripe from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  const object = event.data.object as Stripe.Subscription | Stripe.Checkout.Session;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'customer.subscription.updated':
      // TODO(shipshape): an older event can arrive after a newer one: re-fetch the object from the provider before writing it, or write only when the event is newer than the stored update time
      await prisma.subscription.update({ where: { customerId: String(object.customer) }, data: { active: true } });
      break;
  }
  return Response.json({ received: true });
}
