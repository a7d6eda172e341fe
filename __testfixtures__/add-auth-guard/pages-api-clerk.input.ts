import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/prisma';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await prisma.task.delete({ where: { id: String(req.query.id) } });
  res.status(204).end();
}
