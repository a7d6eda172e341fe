import { NextResponse } from 'next/server';
import { stripe } from '@/lib/stripe';

export async function POST(req: Request) {
  const { amount } = await req.json();
  const session = await stripe.checkout.sessions.create({
    submit_type: 'donate',
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', product_data: { name: 'Donation' }, unit_amount: amount }, quantity: 1 }],
  });
  return NextResponse.json({ url: session.url });
}
