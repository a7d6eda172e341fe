import type { NextApiRequest, NextApiResponse } from 'next';
import { serialize } from 'cookie';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const token = String(req.body.token);
  res.setHeader('Set-Cookie', serialize('jwt', token, { path: '/' }));
  res.setHeader('Set-Cookie', `sid=${req.body.id}; Path=/; HttpOnly`);
  res.status(200).end();
}
