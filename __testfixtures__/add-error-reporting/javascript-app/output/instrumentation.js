// Next.js calls onRequestError for every error thrown while it renders a page, runs a route handler or
// a server action, with the route it happened on.
export function onRequestError(error, request, context) {
  const failure = error ?? {}
  console.error(
    JSON.stringify({
      level: 'error',
      route: context.routePath,
      path: request.path,
      method: request.method,
      type: context.routeType,
      digest: failure.digest,
      message: failure.message ?? String(error),
    }),
  )
}
