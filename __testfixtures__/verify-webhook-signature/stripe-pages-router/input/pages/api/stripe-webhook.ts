import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const event = req.body;
  if (event.type === 'checkout.session.completed') {
    await db.order.update({ where: { sessionId: event.data.object.id }, data: { paid: true } });
  }
  res.json({ received: true });
}
