import type { NextApiRequest, NextApiResponse } from 'next';

type ContactBody = { email?: string; message?: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).json({ error: 'Method not allowed' });
  }
  const body = req.body as ContactBody;
  if (!body.email || !body.message) {
    return res.status(400).json({ error: 'email and message are required' });
  }
  console.log(`contact form from ${body.email}: ${body.message.length} characters`);
  return res.status(202).json({ received: true });
}
