import type { NextApiRequest, NextApiResponse } from 'next';
import bcrypt from 'bcryptjs';
import { prisma } from '../../lib/prisma';

async function checkPassword(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  return !!user && (await bcrypt.compare(password, user.passwordHash));
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (await checkPassword(req.body.email, req.body.password)) return res.status(409).json({ error: 'exists' });
  res.status(201).json({ ok: true });
}
