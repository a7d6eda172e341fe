import type { TransformMeta } from '../../src/engine/transform-types.ts';
import { WEBHOOK_VERIFICATION_TEXT } from './dedupe-webhook-events.ts';

/** Text in every verified webhook whose event order the check and the fix judge: Stripe's, and the HMAC, Svix, Paddle SDK and Supabase ones. */
export const EVENT_ORDER_TEXT = [...WEBHOOK_VERIFICATION_TEXT, 'timingSafeEqual', 'unmarshal', 'Webhook', '.record'];

export const meta: TransformMeta = {
  id: 'guard-event-order',
  title: "Write a subscription's current state, not an event's copy",
  description:
    "Replaces the object a Stripe subscription event carries with the subscription as Stripe holds it now (`await stripe.subscriptions.retrieve(id)`), so an older event delivered late writes the newest state, as Stripe advises. For Lemon Squeezy, Paddle, Clerk and Supabase database webhooks, each state write also sets a `last_event_at` column to the event's time and only updates a row whose `last_event_at` is null or older: `.or(…)` with supabase-js, `updateMany` with an `OR` on the field (added to schema.prisma) with Prisma, `AND (last_event_at IS NULL OR last_event_at < $n)` or an upsert's `DO UPDATE … WHERE` with SQL; `shipshape sql` adds the column. What it cannot guard (upserts through Prisma or supabase-js, writes in helper functions, a payload without a known event time) gets a TODO.",
  safe: false,
  prefilter: EVENT_ORDER_TEXT,
};
