import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '@/lib/prisma';
import { formatDistanceToNow } from 'date-fns';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const task = await prisma.task.findUnique({ where: { id: String(req.query.id) } });
  if (!task) return res.status(404).end();
  res.json({ ...task, age: formatDistanceToNow(task.createdAt) });
}
