import { defineCheck } from './define.ts';
import { EVENT_ORDER_TEXT } from '../../transforms/meta/guard-event-order.ts';
import { verifiedWebhooks } from '../analysis/webhook-effects.ts';
import { eventTime, guardsOrder, stateWrites } from '../analysis/webhook-order.ts';

export default defineCheck({
  meta: {
    id: 'webhook-out-of-order',
    title: 'Webhook writes subscription state from an event that may be out of date',
    severity: 'medium',
    category: 'webhooks',
    messages: {
      stateFromPayload:
        '`{{effect}}` writes the subscription as `{{eventType}}` carried it: an older event delivered after a newer one rolls the state back. Re-fetch it (`{{refetch}}`) before writing, or compare `{{event}}.created` with the stored update time.',
      stateWithoutEventTime:
        '`{{effect}}` writes the state `{{eventType}}` carried: an older event delivered after a newer one rolls it back. Keep the time of the last event written with the row (`{{time}}`) and skip an event older than it.',
    },
    docs: "Webhook providers do not deliver events in the order they happened: a retried `customer.subscription.updated` (Stripe) or `subscription_updated` (Lemon Squeezy) from an hour ago can arrive after the one from a minute ago. A handler that writes the status, plan or period end the event carried then rolls the subscription back, and a customer who paid keeps a cancelled plan (or the reverse). Stripe's advice is to fetch the object from the API when the event arrives and write that; for every provider, the alternative is to keep the event's time with the row and skip an event older than it.",
    prefilter: EVENT_ORDER_TEXT,
    fix: 'guard-event-order',
    finds:
      "a verified webhook handler (Stripe, Lemon Squeezy, Paddle, Clerk, a Supabase database webhook) whose branch for a subscription state event (`customer.subscription.created`, `updated`, `deleted`, …; `subscription_updated`, `subscription_cancelled`, …; `subscription.updated`, …; a row's `INSERT` or `UPDATE`, in a `case` or an `if` on the event type) updates the database (an update or upsert with Prisma, supabase-js or SQL that sets values rather than incrementing them, directly or through a function of the same module) values taken from the event, while nothing in the handler re-fetches the object (`.retrieve(…)`), reads `event.created`, or filters the write on the stored update time or the last event's (`.lt('updated_at', …)`, `updatedAt: { lt: … }`, `last_event_at`)",
    sources: [
      { title: 'Stripe: Event ordering', url: 'https://docs.stripe.com/webhooks#event-ordering' },
      { title: 'Stripe API: Retrieve a subscription', url: 'https://docs.stripe.com/api/subscriptions/retrieve' },
      { title: 'Lemon Squeezy: Webhook event types', url: 'https://docs.lemonsqueezy.com/help/webhooks/event-types' },
      {
        title: 'Lemon Squeezy API: The subscription object',
        url: 'https://docs.lemonsqueezy.com/api/subscriptions/the-subscription-object',
      },
      { title: 'Paddle: Events (occurred_at)', url: 'https://developer.paddle.com/api-reference/events/overview' },
      { title: 'Clerk: Webhooks overview', url: 'https://clerk.com/docs/guides/development/webhooks/overview' },
      { title: 'Supabase: Database webhooks', url: 'https://supabase.com/docs/guides/database/webhooks' },
      {
        title: 'PostgREST: Reserved characters',
        url: 'https://docs.postgrest.org/en/stable/references/api/url_grammar.html#reserved-characters',
      },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        for (const webhook of verifiedWebhooks(program, ctx.file.text, ctx.file.path, ctx.project)) {
          if (guardsOrder(webhook, program, ctx.file.text)) continue;
          const stripe = webhook.provider === 'stripe';
          const time = stripe ? null : eventTime(webhook, ctx.file.text);
          const reported = new Set<unknown>();
          for (const write of stateWrites(webhook, program, ctx.file.text)) {
            if (reported.has(write.effect.site)) continue;
            reported.add(write.effect.site);
            ctx.report({
              node: write.effect.site,
              messageId: stripe ? 'stateFromPayload' : 'stateWithoutEventTime',
              data: {
                effect: write.effect.label,
                eventType: write.eventTypes[0],
                event: webhook.event,
                refetch: `${webhook.stripeClient ?? 'stripe'}.subscriptions.retrieve(id)`,
                time: time?.iso ?? "the event's own time",
              },
            });
          }
        }
      },
    };
  },
});
