import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'add-error-reporting',
  title: 'Report server errors: instrumentation onRequestError and app/global-error',
  description:
    "Writes `instrumentation.ts` (beside `app/`, or in `src/` when the app is there) whose `onRequestError` logs one JSON line per error with the route, method, digest and message, or hands the error to `Sentry.captureRequestError` when `@sentry/nextjs` is installed; adds `onRequestError` to an instrumentation file that lacks it; and writes `app/global-error.tsx` with a retry button and the error's digest. It never overwrites a file. Needs review: the log lines go wherever the host sends stderr.",
  safe: false,
};
