import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const payload = req.body;
  try {
    if (payload.meta.event_name === 'subscription_created') await db.from('subscriptions').insert({ id: payload.data.id });
  } catch (error) {
    console.log(error);
  }
  res.status(200).json({ ok: true });
}
