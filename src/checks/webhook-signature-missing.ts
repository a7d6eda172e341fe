import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { mayHoldWebhook } from '../../transforms/meta/verify-webhook-signature.ts';
import { requestHandlers } from '../analysis/request-handlers.ts';
import { webhookOf, type Webhook } from '../analysis/webhooks/index.ts';
import type { Severity } from '../types.ts';

const PROVIDER_NAMES: Record<Webhook['provider'], string> = {
  stripe: 'Stripe',
  lemonsqueezy: 'Lemon Squeezy',
  paddle: 'Paddle',
  github: 'GitHub',
  clerk: 'Clerk',
  resend: 'Resend',
  svix: 'Svix',
  supabase: 'Supabase database',
  unknown: 'webhook',
};

const FAULT_SEVERITY: Record<string, Severity> = {
  failureIgnored: 'critical',
  parsedBody: 'high',
  bodyParser: 'high',
  plainComparison: 'medium',
};

export default defineCheck({
  meta: {
    id: 'webhook-signature-missing',
    title: 'Webhook payload processed without a working signature check',
    severity: 'critical',
    category: 'webhooks',
    messages: {
      unverified:
        'This {{provider}} webhook handler acts on the payload without verifying its signature: anyone who finds the URL can send it forged events.',
      parsedBody:
        'The {{provider}} signature is checked over a parse of the body (`req.json()`, `JSON.stringify`), not the bytes that were signed, so genuine events fail verification.',
      bodyParser:
        'This Pages Router route checks the {{provider}} signature, but Next.js parses the body first: add `export const config = { api: { bodyParser: false } }` and verify the raw bytes.',
      failureIgnored:
        'A failed {{provider}} signature check is caught or tested and the handler goes on, so forged events are still processed.',
      plainComparison:
        'The HMAC signature is compared with `{{operator}}`, whose timing tells an attacker how much of a forged signature is right: compare with `crypto.timingSafeEqual` on equal-length buffers.',
    },
    docs: "A webhook URL is public: whoever finds it can post `checkout.session.completed` and get an order marked paid, unless the handler verifies the provider's signature over the raw body first and answers 400 when it fails. A check that runs over a parsed and re-serialised body fails for every genuine event; one whose failure is caught and ignored stops nothing; a plain `===` on an HMAC leaks it by timing.",
    prefilter: (text, _project, file) => mayHoldWebhook(text, file),
    fix: 'verify-webhook-signature',
    finds:
      "an API route or route handler that handles webhooks (recognised by what it does: a provider's signature header, its event types such as `checkout.session.completed`, `meta.event_name`, `user.created` or `transaction.completed`, `x-github-event`, a Supabase database change with `type: 'INSERT'` and `record`, or a route named `webhook` that reads its body) and reads the payload with no signature check: Stripe's `constructEvent(Async)`, svix's `Webhook.verify` (Clerk, Resend), an HMAC with `createHmac` (Lemon Squeezy, GitHub, Paddle), a provider SDK's check, or for Supabase database webhooks a header compared with a secret. Also a check that cannot work or stops nothing: over `JSON.stringify(…)` or a body from `req.json()`; in a Pages Router route without `bodyParser: false`; inside a `try` whose `catch` goes on; an HMAC compared with `===` instead of `timingSafeEqual`. A verification in a helper of another module, named for it (`verifySignature(…)`), is trusted",
    severityNote:
      'high for a check over a parsed body or behind the Pages Router body parser, which rejects genuine events; medium for an HMAC compared with `===`',
    sources: [
      { title: 'Stripe: Verify webhook signatures', url: 'https://docs.stripe.com/webhooks#verify-events' },
      { title: 'Svix: Verifying payloads', url: 'https://docs.svix.com/receiving/verifying-payloads/how' },
      { title: 'Lemon Squeezy: Signing requests', url: 'https://docs.lemonsqueezy.com/help/webhooks/signing-requests' },
      {
        title: 'GitHub: Validating webhook deliveries',
        url: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
      },
      {
        title: 'Next.js: API Routes custom config (bodyParser)',
        url: 'https://nextjs.org/docs/pages/building-your-application/routing/api-routes#custom-config',
      },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        if (!ctx.ast) return;
        for (const handler of requestHandlers(ctx.file.path, ctx.ast, ctx.project)) {
          const webhook = webhookOf(handler, program);
          if (!webhook) continue;
          const provider = PROVIDER_NAMES[webhook.provider];
          const data = { provider, providerId: webhook.provider, secret: webhook.secret.name, handler: handler.name };
          if (webhook.verification === 'none') {
            if (webhook.bodies.length === 0) continue;
            ctx.report({ node: webhook.bodies[0]!.node, messageId: 'unverified', data });
            continue;
          }
          for (const fault of webhook.faults) {
            const operator = (fault.node as Node & { operator?: string }).operator ?? '===';
            ctx.report({
              node: fault.node,
              messageId: fault.kind,
              severity: FAULT_SEVERITY[fault.kind],
              data: { ...data, operator, fault: fault.kind },
            });
          }
        }
      },
    };
  },
});
