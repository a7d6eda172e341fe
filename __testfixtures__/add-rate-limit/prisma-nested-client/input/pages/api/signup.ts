import type { NextApiRequest, NextApiResponse } from 'next';
import bcrypt from 'bcryptjs';
import { prisma } from '../../lib/prisma/prisma';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const passwordHash = await bcrypt.hash(req.body.password, 12);
  const user = await prisma.user.create({ data: { email: req.body.email, passwordHash } });
  res.status(201).json({ id: user.id });
}
