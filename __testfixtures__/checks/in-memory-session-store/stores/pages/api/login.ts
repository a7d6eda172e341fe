import type { NextApiRequest, NextApiResponse } from 'next';
import { randomUUID } from 'crypto';

export const sessions: Record<string, { userId: string; createdAt: number }> = {};

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = randomUUID();
  sessions[id] = { userId: req.body.userId, createdAt: Date.now() };
  res.setHeader('Set-Cookie', `sid=${id}; HttpOnly; Path=/`);
  res.status(200).end();
}
