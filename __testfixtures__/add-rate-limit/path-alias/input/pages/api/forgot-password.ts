import type { NextApiRequest, NextApiResponse } from 'next';

const attempts = new Map<string, { count: number; resetAt: number }>();

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const entry = attempts.get(req.body.email) ?? { count: 0, resetAt: Date.now() + 60_000 };
  entry.count++;
  attempts.set(req.body.email, entry);
  res.status(200).json({ sent: true });
}
