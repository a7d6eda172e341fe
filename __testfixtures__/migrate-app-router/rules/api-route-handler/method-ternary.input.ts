import type { NextApiRequest, NextApiResponse } from 'next';
import { listVotes, vote } from '../../../lib/votes';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const votes = req.method === 'POST' ? await vote(String(req.query.id)) : await listVotes(String(req.query.id));
  res.status(200).json(votes);
}
