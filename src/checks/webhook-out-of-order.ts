import { defineCheck } from './define.ts';
import { WEBHOOK_VERIFICATION_TEXT } from '../../transforms/meta/dedupe-webhook-events.ts';
import { verifiedWebhooks } from '../analysis/webhook-effects.ts';
import { guardsOrder, stateWrites } from '../analysis/webhook-order.ts';

export default defineCheck({
  meta: {
    id: 'webhook-out-of-order',
    title: 'Webhook writes subscription state from an event that may be out of date',
    severity: 'medium',
    category: 'webhooks',
    messages: {
      stateFromPayload:
        '`{{effect}}` writes the subscription as `{{eventType}}` carried it: an older event delivered after a newer one rolls the state back. Re-fetch it (`{{refetch}}`) before writing, or compare `{{event}}.created` with the stored update time.',
    },
    docs: "Stripe does not deliver events in the order they happened: a retried `customer.subscription.updated` from an hour ago can arrive after the one from a minute ago. A handler that writes the status, plan or period end the event carried then rolls the subscription back, and a customer who paid keeps a cancelled plan (or the reverse). Stripe's advice is to fetch the object from the API when the event arrives and write that; the alternative is to keep the event's `created` time with the row and skip an event older than it.",
    prefilter: WEBHOOK_VERIFICATION_TEXT,
    fix: 'guard-event-order',
    finds:
      "a verified Stripe webhook handler whose branch for a subscription state event (`customer.subscription.created`, `updated`, `deleted`, `paused`, `resumed`, …, in a `case` or an `if` on the event type) updates the database (an update or upsert with Prisma, supabase-js or SQL that sets values rather than incrementing them, directly or through a function of the same module) values taken from the event, while nothing in the handler re-fetches the object (`.retrieve(…)`), reads `event.created`, or filters the write on the stored update time (`.lt('updated_at', …)`, `updatedAt: { lt: … }`)",
    sources: [
      { title: 'Stripe: Event ordering', url: 'https://docs.stripe.com/webhooks#event-ordering' },
      { title: 'Stripe API: Retrieve a subscription', url: 'https://docs.stripe.com/api/subscriptions/retrieve' },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        for (const webhook of verifiedWebhooks(program, ctx.file.text, ctx.file.path, ctx.project)) {
          if (webhook.provider !== 'stripe' || guardsOrder(webhook, program, ctx.file.text)) continue;
          const reported = new Set<unknown>();
          for (const write of stateWrites(webhook, program, ctx.file.text)) {
            if (reported.has(write.effect.site)) continue;
            reported.add(write.effect.site);
            ctx.report({
              node: write.effect.site,
              messageId: 'stateFromPayload',
              data: {
                effect: write.effect.label,
                eventType: write.eventTypes[0],
                event: webhook.event,
                refetch: `${webhook.stripeClient ?? 'stripe'}.subscriptions.retrieve(id)`,
              },
            });
          }
        }
      },
    };
  },
});
