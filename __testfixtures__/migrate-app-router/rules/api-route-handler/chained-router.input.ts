import { RouteHandler } from '../../lib/route-handler';
import { auth } from '../../lib/auth';

export default new RouteHandler()
  .use(auth)
  .get(async (req, res) => {
    return res.status(200).json({ ok: true });
  });
