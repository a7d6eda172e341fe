import type { NextApiRequest, NextApiResponse } from 'next';
import { listPosts } from '../../lib/posts';

export default function posts(req: NextApiRequest, res: NextApiResponse) {
  const limit = Math.min(Number(req.query.limit ?? 10) || 10, 50);
  res.setHeader('Cache-Control', 'public, s-maxage=300, stale-while-revalidate=600');
  res.status(200).json({ posts: listPosts().slice(0, limit) });
}
