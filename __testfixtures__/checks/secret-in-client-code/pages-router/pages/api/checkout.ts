import type { NextApiRequest, NextApiResponse } from 'next';
import { stripe } from '../../lib/stripe';

export default async function handler(_req: NextApiRequest, res: NextApiResponse) {
  const session = await stripe.checkout.sessions.create({ mode: 'payment' });
  res.json({ url: session.url });
}
