import type { TransformMeta } from '../../src/engine/transform-types.ts';

/** Text a file with a hand-written retry contains: the call it retries, or the words it counts attempts with. */
export const RETRY_PREFILTER = [
  'fetch(',
  'openai',
  'OpenAI',
  'anthropic',
  'Anthropic',
  'claude',
  'stripe',
  'Stripe',
  'retr',
  'Retr',
  'attempt',
  'Attempt',
  'tries',
  'Tries',
];

export const meta: TransformMeta = {
  id: 'bounded-retry',
  title: 'Replace hand-written retries with a bounded retry with backoff, or the SDK’s own',
  description:
    'Writes `lib/retry.ts` (`src/lib/` where the app keeps its code under `src/`): `withRetry(call, { attempts, baseDelayMs, signal })` makes at most `attempts` calls, retries network errors, 5xx and 429 (a fetch `Response`, or an error with a `status` as SDKs throw), waits a random time up to `baseDelayMs × 2ⁿ` (full jitter) or what `Retry-After` asks for, and gives up at once on any other answer. A loop whose attempt is `const res = await fetch(…)` (or `return await …`) in a `try` becomes `const res = await withRetry(() => fetch(…))` followed by the rest of the `try`; around an OpenAI, Anthropic or Stripe call made in the same module, the loop becomes the plain call and the client gets `maxRetries` (`maxNetworkRetries`) instead. A function that calls itself again from its `catch` keeps its `try` body, the attempt wrapped in `withRetry`. Retries of other shapes and generic helpers get a TODO. Needs review: the number of calls, the waits and which failures are retried change.',
  safe: false,
  prefilter: RETRY_PREFILTER,
  questions: [
    {
      name: 'attempts',
      message: 'How many calls at most, the first included?',
      type: 'number',
      default: 3,
      integer: true,
      min: 1,
      max: 10,
    },
    {
      name: 'baseDelayMs',
      message: 'Base wait before the second call, in milliseconds (doubled for each further call, then randomised)?',
      type: 'number',
      default: 500,
      integer: true,
      min: 10,
      max: 60000,
    },
  ],
};
