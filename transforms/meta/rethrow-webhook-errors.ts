import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'rethrow-webhook-errors',
  title: 'Let failed webhook events fail',
  description:
    'In a webhook handler, makes each `catch` that is empty, answers 2xx, or only logs rethrow the error, so Next.js answers 500 and the provider retries the event. Needs review: a failure the handler meant to ignore (an optional e-mail, say) now fails the delivery, and the provider sends the event again.',
  safe: false,
};
