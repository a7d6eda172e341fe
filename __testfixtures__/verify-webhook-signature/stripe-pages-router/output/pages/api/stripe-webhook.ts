import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '../../lib/db';
import Stripe from 'stripe';

export const config = { api: { bodyParser: false } };

async function readRawBody(request: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const rawBody = await readRawBody(req);
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, String(req.headers['stripe-signature'] ?? ''), process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.status(400).send('Invalid signature');
  }
  if (event.type === 'checkout.session.completed') {
    await db.order.update({ where: { sessionId: event.data.object.id }, data: { paid: true } });
  }
  res.json({ received: true });
}
