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
  try {
    await prisma.webhookEvent.create({ data: { id: event.id, provider: 'stripe', type: event.type } });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return res.status(200).json({ received: true, duplicate: true });
    throw error;
  }
  try {
    if (event.type === 'invoice.paid') {
      const invoice = event.data.object as Stripe.Invoice;
      await grantCredits(invoice.metadata!.userId!, 100);
      await sendReceipt(invoice.customer_email!);
    }
    res.status(200).json({ received: true });
  } catch (error) {
    await prisma.webhookEvent.delete({ where: { id: event.id } });
    throw error;
  }
}
