import Stripe from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// Some Stripe type versions leave out current_period_end, so the app reads the fields it needs through its own type.
type SubLike = { id?: string; status?: string; current_period_end?: number; metadata?: { userId?: string } };

export async function POST(req: Request) {
  const body = await req.text();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('invalid signature', { status: 400 });
  }

  if (event.type === 'customer.subscription.updated' || event.type === 'customer.subscription.deleted') {
    const sub = event.data.object as unknown as SubLike;
    const periodEnd = typeof sub.current_period_end === 'number' ? new Date(sub.current_period_end * 1000) : null;
    await prisma.subscription.update({
      where: { userId: sub.metadata?.userId },
      data: { status: sub.status ?? 'inactive', currentPeriodEnd: periodEnd },
    });
  }
  return Response.json({ received: true });
}
