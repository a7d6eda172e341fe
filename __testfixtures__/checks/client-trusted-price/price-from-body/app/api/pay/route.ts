import { NextResponse } from 'next/server';
import { stripe } from '@/lib/stripe';

export async function POST(request: Request) {
  const body = await request.json();
  const intent = await stripe.paymentIntents.create({
    amount: body.amount,
    currency: 'usd',
  });
  return NextResponse.json({ clientSecret: intent.client_secret });
}
