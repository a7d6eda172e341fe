import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/prisma';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  // No session at all: public content, or route-without-auth's finding.
  const { id } = req.query;
  const post = await prisma.post.findUniqueOrThrow({ where: { id: String(id) } });
  res.json(post);
}
