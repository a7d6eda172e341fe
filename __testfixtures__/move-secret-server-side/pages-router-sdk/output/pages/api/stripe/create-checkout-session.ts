import type { NextApiRequest, NextApiResponse } from 'next';
import Stripe from 'stripe';

// Runs only on the server: the key below never reaches the browser.
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ error: 'Method not allowed' });
    return;
  }
  // TODO(shipshape): check the caller's session: anyone can call this route
  const { priceId, quantity, origin } = req.body as { priceId: string; quantity: number; origin: string };
  const result = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: priceId, quantity }],
    success_url: `${origin}/thanks`,
  });
  res.status(200).json(result.url ?? null);
}
