import Stripe from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  const seen = await prisma.processedEvent.findUnique({ where: { id: event.id } });
  if (seen) return Response.json({ received: true });
  await prisma.processedEvent.create({ data: { id: event.id } });
  if (event.type === 'checkout.session.completed') {
    await prisma.order.create({ data: { sessionId: (event.data.object as Stripe.Checkout.Session).id } });
  }
  return Response.json({ received: true });
}
