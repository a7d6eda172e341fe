import type { NextApiRequest, NextApiResponse } from 'next';

export default function login(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).json({ error: 'POST only' });
  }
  res.setHeader('Set-Cookie', `session=${req.body.token}; Path=/; HttpOnly`);
  res.redirect(302, '/dashboard');
}
