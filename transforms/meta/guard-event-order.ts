import type { TransformMeta } from '../../src/engine/transform-types.ts';
import { WEBHOOK_VERIFICATION_TEXT } from './dedupe-webhook-events.ts';

export const meta: TransformMeta = {
  id: 'guard-event-order',
  title: "Write a subscription's current state, not an event's copy",
  description:
    "Replaces the object a Stripe subscription event carries with the subscription as Stripe holds it now (`await stripe.subscriptions.retrieve(id)`), so an older event delivered late writes the newest state, as Stripe advises. A write whose object is not bound in the event's own branch, and the writes of other providers, get a TODO to compare the event's time with the stored update time.",
  safe: false,
  prefilter: WEBHOOK_VERIFICATION_TEXT,
};
