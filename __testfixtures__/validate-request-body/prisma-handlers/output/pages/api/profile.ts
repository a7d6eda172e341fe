import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/db';
import { z } from 'zod';

const UserInput = z.object({
  email: z.string(),
  name: z.string().nullish(),
});

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'PUT') {
    const userInput = UserInput.partial().safeParse(req.body);
    if (!userInput.success) return res.status(400).json({ error: userInput.error.issues });
    const user = await prisma.user.update({ where: { id: String(req.query.id) }, data: userInput.data });
    return res.status(200).json(user);
  }
  res.status(405).end();
}
