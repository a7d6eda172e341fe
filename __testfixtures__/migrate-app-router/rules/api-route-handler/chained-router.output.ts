import { RouteHandler } from '../../lib/route-handler';
import { auth } from '../../lib/auth';

// TODO(shipshape): this API route is not a plain `(req, res)` handler: `new RouteHandler() .use(auth) .get(…)` builds or wraps it, and a Pages Router wrapper takes `(req, res)`, not a route handler's `(request)`: write one exported function per method by hand (or a version of `new RouteHandler() .use(auth) .get` for route handlers); the route stays in pages/api until then
export default new RouteHandler()
  .use(auth)
  .get(async (req, res) => {
    return res.status(200).json({ ok: true });
  });
