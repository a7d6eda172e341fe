import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { maxNetworkRetries: 3 });

export async function POST(req: Request) {
  const { amount } = await req.json();
  let tries = 0;
  while (tries < 3) {
    try {
      const intent = await stripe.paymentIntents.create({ amount, currency: 'usd' });
      return Response.json({ clientSecret: intent.client_secret });
    } catch (error) {
      tries++;
      await new Promise((resolve) => setTimeout(resolve, 300 * tries * Math.random()));
    }
  }
  return Response.json({ error: 'payment failed' }, { status: 502 });
}
