import type { NextApiRequest, NextApiResponse } from 'next';
import Stripe from 'stripe';
import { prisma } from '../../lib/prisma';
import { sendReceipt } from '../../lib/mail';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const config = { api: { bodyParser: false } };

async function rawBody(req: NextApiRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function grantCredits(userId: string, credits: number) {
  await prisma.user.update({ where: { id: userId }, data: { credits: { increment: credits } } });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const event = stripe.webhooks.constructEvent(await rawBody(req), req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'invoice.paid') {
    const invoice = event.data.object as Stripe.Invoice;
    await grantCredits(invoice.metadata!.userId!, 100);
    await sendReceipt(invoice.customer_email!);
  }
  res.status(200).json({ received: true });
}
