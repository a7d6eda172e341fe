import type { NextApiRequest, NextApiResponse } from 'next';
import bcrypt from 'bcryptjs';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await prisma.user.findFirst({ where: { resetToken: req.body.token, resetTokenExpiry: { gt: new Date() } } });
  if (!user) return res.status(400).json({ error: 'Invalid or expired token' });
  await prisma.user.update({
    where: { id: user.id },
    data: { password: await bcrypt.hash(req.body.password, 10), resetToken: null, resetTokenExpiry: null },
  });
  res.status(200).json({ ok: true });
}
