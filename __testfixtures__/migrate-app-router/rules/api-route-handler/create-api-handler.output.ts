import { config, createApiHandler } from '@ory/integrations/next-edge';

export { config };

// TODO(shipshape): this API route is not a plain `(req, res)` handler: `createApiHandler(…)` builds or wraps it, and a Pages Router wrapper takes `(req, res)`, not a route handler's `(request)`: write one exported function per method by hand (or a version of `createApiHandler` for route handlers); the route stays in pages/api until then
export default createApiHandler({
  fallbackToPlayground: true,
  dontUseTldForCookieDomain: true,
});
