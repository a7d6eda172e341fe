import type { NextApiRequest, NextApiResponse } from 'next';
import { withAuth } from '../../lib/auth';

async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ user: req.query.user });
}

export default withAuth(handler);
