import type { NextApiRequest, NextApiResponse } from 'next';
import { clientAddress, rateLimit } from '../../lib/rate-limit';

// TODO(shipshape): count with rateLimit() from lib/rate-limit.ts instead: this map is per instance and empties on every restart (shipshape replaces a helper or handler that compares one count with a constant limit in a constant window; this one is shaped otherwise)
const attempts = new Map<string, { count: number; resetAt: number }>();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const rate = await rateLimit(`/api/forgot-password:ip:${clientAddress(req.headers)}`);
  if (!rate.allowed) {
    res.setHeader('Retry-After', String(rate.retryAfter));
    return res.status(429).json({ error: 'Too many requests' });
  }
  const entry = attempts.get(req.body.email) ?? { count: 0, resetAt: Date.now() + 60_000 };
  entry.count++;
  attempts.set(req.body.email, entry);
  res.status(200).json({ sent: true });
}
