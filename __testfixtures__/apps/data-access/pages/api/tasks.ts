import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const prisma = new PrismaClient();
  try {
    const tasks = await prisma.task.findMany({ where: { title: { contains: String(req.query.q ?? '') } } });
    const raw = await prisma.$queryRawUnsafe(`SELECT id FROM "Task" WHERE title = '${req.query.title}' LIMIT 10`);
    res.json({ tasks, raw });
  } finally {
    await prisma.$disconnect();
  }
}
