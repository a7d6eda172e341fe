import type { TransformMeta } from '../../src/engine/transform-types.ts';

/** Text every verified Stripe webhook contains: the checks and the transforms skip a file without it. */
export const WEBHOOK_VERIFICATION_TEXT = ['constructEvent'];

export const meta: TransformMeta = {
  id: 'dedupe-webhook-events',
  title: 'Record each webhook event once, and skip a redelivery',
  description:
    "Records the event's id in a `webhook_events` table right after the signature check and answers 200 at once when the id is already there: `INSERT … ON CONFLICT DO NOTHING RETURNING id` with pg or postgres.js, an upsert with `ignoreDuplicates` with supabase-js, a `WebhookEvent` model (added to schema.prisma) and its unique-violation error `P2002` with Prisma. The rest of the handler runs in a `try` whose `catch` deletes the record again and rethrows, so a failed delivery is retried by the provider. The table comes from `shipshape sql` (or `prisma migrate dev`).",
  safe: false,
  prefilter: WEBHOOK_VERIFICATION_TEXT,
};
