import { defineCheck } from './define.ts';
import { WEBHOOK_VERIFICATION_TEXT } from '../../transforms/meta/dedupe-webhook-events.ts';
import { effectsOf, readsEventId, verifiedWebhooks } from '../analysis/webhook-effects.ts';

export default defineCheck({
  meta: {
    id: 'webhook-not-idempotent',
    title: 'Webhook acts again on a redelivered event',
    severity: 'high',
    category: 'webhooks',
    messages: {
      repeatsPerDelivery:
        '`{{effect}}` runs again each time {{provider}} redelivers the event: record `{{event}}.id` before it, and answer 200 to an id already recorded.',
    },
    docs: "Providers deliver each event at least once: Stripe resends an event whose answer was slow or lost, for up to three days, and two deliveries can arrive together. A handler that inserts a row, adds credits, sends an email or creates a charge for every delivery does it twice. Record the event's id in a table with a primary key before the first write, and answer 200 without doing anything when the id is already there. An update or upsert that sets the same values from the same object (keyed by Stripe's subscription or customer id) lands the same way twice and is not reported.",
    prefilter: WEBHOOK_VERIFICATION_TEXT,
    fix: 'dedupe-webhook-events',
    finds:
      "a verified Stripe webhook handler (`constructEvent` or `constructEventAsync`) that never reads the event's id and, after verifying, inserts rows (Prisma `create`/`createMany`, supabase-js `insert`, SQL `INSERT` without `ON CONFLICT`), increments a counter (Prisma `increment`/`decrement`, SQL `SET x = x + …`, a supabase `rpc` named for adding or granting), sends an email, or creates a Stripe object without an `idempotencyKey`, directly or through a function of the same module. Updates, upserts and deletes that set values are left alone: a redelivery writes the same row again",
    sources: [
      { title: 'Stripe: Handle duplicate events', url: 'https://docs.stripe.com/webhooks#handle-duplicate-events' },
      { title: 'Stripe: Event delivery behaviour (retries)', url: 'https://docs.stripe.com/webhooks#retries' },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        for (const webhook of verifiedWebhooks(program, ctx.file.text, ctx.file.path, ctx.project)) {
          if (webhook.provider !== 'stripe' || readsEventId(webhook, program)) continue;
          const first = effectsOf(webhook, program, ctx.file.text).find((effect) => effect.repeats);
          if (!first) continue;
          ctx.report({
            node: first.site,
            messageId: 'repeatsPerDelivery',
            data: { effect: first.label, provider: 'Stripe', event: webhook.event },
          });
        }
      },
    };
  },
});
