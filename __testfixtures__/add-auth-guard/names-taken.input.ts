import { NextResponse } from 'next/server';
import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// The checkout session is `session` already, and `authSession` is taken too: the check's own is `authSession2`.
export async function POST(req: Request) {
  const { priceId, authSession } = await req.json();
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: priceId, quantity: 1 }],
    metadata: { authSession },
    success_url: 'https://example.com/ok',
  });
  return NextResponse.json({ url: session.url });
}
