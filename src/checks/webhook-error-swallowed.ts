import { defineCheck } from './define.ts';
import { mayHoldWebhook } from '../../transforms/meta/verify-webhook-signature.ts';
import { requestHandlers } from '../analysis/request-handlers.ts';
import { swallowedErrors, webhookOf } from '../analysis/webhooks/index.ts';

export default defineCheck({
  meta: {
    id: 'webhook-error-swallowed',
    title: 'Webhook handler answers success when processing fails',
    severity: 'high',
    category: 'webhooks',
    messages: {
      empty:
        'An empty `catch` in this webhook handler drops the error, and the provider is told the event was handled: it never retries it.',
      ok: 'This `catch` answers {{status}}, so the provider takes the failed event for handled and never retries it: answer 500.',
      fallsThrough:
        'This `catch` only logs, then the handler answers 2xx: the provider takes the failed event for handled and never retries it. Answer 500 from the catch.',
    },
    docs: 'Payment providers retry a webhook until it is answered with a 2xx: that retry is what recovers an event whose processing failed (the database was down, a deploy was in flight). A handler that catches the error and answers 200 anyway, or swallows it in an empty `catch`, loses the event for good, and nobody learns the payment was lost until the customer complains. Let the error reach the provider: answer 500 (after logging it), so it retries.',
    prefilter: (text, _project, file) => mayHoldWebhook(text, file),
    fix: null,
    finds:
      'in a webhook handler (recognised as `webhook-signature-missing` recognises one), a `catch` around the processing that is empty, that answers a 2xx (`NextResponse.json({ received: true })`, `res.status(200)`, `new Response("ok")`), or that only logs and lets the handler go on to its 2xx answer. The `catch` around the signature check itself is left to `webhook-signature-missing`',
    sources: [
      { title: 'Stripe: Webhook retries', url: 'https://docs.stripe.com/webhooks#retries' },
      { title: 'Svix: Retry schedule', url: 'https://docs.svix.com/retries' },
      { title: 'Lemon Squeezy: Webhook requests and retries', url: 'https://docs.lemonsqueezy.com/help/webhooks/webhook-requests' },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        if (!ctx.ast) return;
        for (const handler of requestHandlers(ctx.file.path, ctx.ast, ctx.project)) {
          const webhook = webhookOf(handler, program);
          if (!webhook) continue;
          for (const swallowed of swallowedErrors(webhook))
            ctx.report({
              node: swallowed.clause,
              messageId: swallowed.kind,
              data: { status: swallowed.status ?? 200, provider: webhook.provider },
            });
        }
      },
    };
  },
});
