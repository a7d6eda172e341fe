import type { NextApiRequest, NextApiResponse } from 'next';
import bcrypt from 'bcryptjs';
import { prisma } from '../../lib/prisma/prisma';
import { clientAddress, rateLimit } from '../../lib/rate-limit';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const rate = await rateLimit(`/api/signup:ip:${clientAddress(req.headers)}`);
  if (!rate.allowed) {
    res.setHeader('Retry-After', String(rate.retryAfter));
    return res.status(429).json({ error: 'Too many requests' });
  }
  if (req.method !== 'POST') return res.status(405).end();
  const passwordHash = await bcrypt.hash(req.body.password, 12);
  const user = await prisma.user.create({ data: { email: req.body.email, passwordHash } });
  res.status(201).json({ id: user.id });
}
