import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { maxNetworkRetries: 2 });

export async function POST(req: Request) {
  const { amount } = await req.json();
  try {
    const intent = await stripe.paymentIntents.create({ amount, currency: 'usd' });
    return Response.json({ clientSecret: intent.client_secret });
  } catch {
    return Response.json({ error: 'payment failed' }, { status: 502 });
  }
}
