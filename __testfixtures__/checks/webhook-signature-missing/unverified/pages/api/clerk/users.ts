import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const evt = req.body;
  if (evt.type === 'user.created') {
    await db.from('profiles').insert({ id: evt.data.id, email: evt.data.email_addresses[0].email_address });
  }
  res.status(200).json({ ok: true });
}
