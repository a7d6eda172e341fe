import type { NextApiRequest, NextApiResponse } from 'next';
import { subscribe } from '../../lib/newsletter';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { email } = req.body;
  await subscribe(email);
  res.status(201).json({ ok: true });
}
