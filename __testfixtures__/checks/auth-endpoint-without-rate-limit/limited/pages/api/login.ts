import type { NextApiRequest, NextApiResponse } from 'next';

// Reads the login page's settings: no credentials pass through here.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') return res.status(405).end();
  res.status(200).json({ providers: ['github'] });
}
