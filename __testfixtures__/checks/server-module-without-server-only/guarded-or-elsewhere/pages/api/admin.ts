import type { NextApiRequest, NextApiResponse } from 'next';
import { adminToken } from '../../lib/legacy';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(req.headers.authorization === `Bearer ${adminToken}` ? 200 : 401).end();
}
