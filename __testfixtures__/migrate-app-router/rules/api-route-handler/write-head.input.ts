import type { NextApiRequest, NextApiResponse } from 'next';
import { renderFeed } from '../../lib/feed';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') return res.status(405).end();
  const xml = await renderFeed();
  res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Cache-Control': 's-maxage=3600' });
  res.end(xml);
}
