import { registerOTel } from '@vercel/otel';

export function register() {
  registerOTel('orders');
}

export function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
): void {
  const failure = (error ?? {}) as { message?: string; digest?: string };
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
  );
}
