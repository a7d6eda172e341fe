import type { NextApiRequest, NextApiResponse } from 'next';
import { withAuth } from '../../lib/auth';

async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ user: req.query.user });
}

// TODO(shipshape): this API route is not a plain `(req, res)` handler: `withAuth(…)` builds or wraps it, and a Pages Router wrapper takes `(req, res)`, not a route handler's `(request)`: write one exported function per method by hand (or a version of `withAuth` for route handlers); the route stays in pages/api until then
export default withAuth(handler);
