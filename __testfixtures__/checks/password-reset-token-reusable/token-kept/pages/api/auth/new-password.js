import bcrypt from 'bcryptjs';
import { prisma } from '../../../lib/db';

export default async function handler(req, res) {
  const user = await prisma.user.findFirst({ where: { resetToken: req.body.token } });
  if (!user) return res.status(400).json({ error: 'Invalid token' });
  await prisma.user.update({
    where: { id: user.id },
    data: { password: await bcrypt.hash(req.body.password, 10) },
  });
  res.status(200).json({ ok: true });
}
