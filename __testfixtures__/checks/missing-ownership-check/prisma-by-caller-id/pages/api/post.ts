import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/prisma';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { id } = req.query;
  const post = await prisma.post.findUniqueOrThrow({ where: { id: String(id) } });
  res.json(post);
}
