import type { NextApiRequest, NextApiResponse } from 'next';
import { request } from '../../lib/http';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).json({ error: 'POST only' });
  }
  const body = req.body;
  const query = req.query;
  const headers = { authorization: req.headers.authorization };
  const saved = await request('/save', { body, headers, id: query.id });
  res.setHeader('Cache-Control', 'no-store');
  return res.status(201).json(saved);
}
