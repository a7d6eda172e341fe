import type { NextApiRequest, NextApiResponse } from 'next';
import { pageTitle } from '../../lib/browser';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const title = await pageTitle('https://example.com');
  res.status(200).json({ title });
}
