import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { name, email } = req.body;
  const user = await prisma.user.update({ where: { email }, data: { name } });
  res.status(200).json(user);
}
