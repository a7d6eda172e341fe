import type { NextApiRequest, NextApiResponse } from 'next';
import { sessionCookie } from '../../../lib/session';

const KNOWN_USERS: Record<string, string> = { ada: 'u1', linus: 'u2', grace: 'u3' };

export default function login(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).json({ error: 'Method not allowed' });
  const name = String(req.body?.name ?? '').trim();
  const userId = KNOWN_USERS[name.toLowerCase()];
  if (!userId) return res.status(401).json({ error: 'Unknown user' });
  res.setHeader('Set-Cookie', sessionCookie({ userId, name }));
  return res.status(200).json({ userId, name });
}
