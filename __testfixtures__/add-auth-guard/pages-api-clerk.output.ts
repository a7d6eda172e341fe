import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/prisma';
import { getAuth } from '@clerk/nextjs/server';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { userId } = getAuth(req);
  if (!userId) {
    res.status(401).json({ error: 'Not signed in' });
    return;
  }
  await prisma.task.delete({ where: { id: String(req.query.id) } });
  res.status(204).end();
}
