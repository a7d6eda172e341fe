import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'PUT') {
    const user = await prisma.user.update({ where: { id: String(req.query.id) }, data: req.body });
    return res.status(200).json(user);
  }
  res.status(405).end();
}
