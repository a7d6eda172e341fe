import type { TransformMeta } from '../../src/engine/transform-types.ts';

/** Text every `fetch` call contains: the check and the transform skip a file without it. */
export const FETCH_CALL_TEXT = ['fetch('];

export const meta: TransformMeta = {
  id: 'fetch-timeout',
  title: 'Give external fetches a timeout and a response check',
  description:
    'Adds `signal: AbortSignal.timeout(ms)` to each server-side fetch of an external URL, and after `const res = await fetch(…)` a check that throws a clear error when `res.ok` is false. Responses used without a name get a TODO instead.',
  safe: true,
  prefilter: FETCH_CALL_TEXT,
  questions: [
    {
      name: 'timeoutMs',
      message: 'Timeout for requests to other services, in milliseconds?',
      type: 'number',
      default: 10000,
      integer: true,
      min: 100,
      max: 600000,
    },
  ],
};
