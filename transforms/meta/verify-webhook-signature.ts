import type { TransformMeta } from '../../src/engine/transform-types.ts';
import { anyOf } from '../../src/engine/needles.ts';

/**
 * Text a webhook handler holds: a signature header, an SDK call, a provider's event type, a Supabase
 * database change. The checks and the transform skip a route without any of it, unless its path
 * names a webhook.
 */
export const WEBHOOK_TEXT = [
  'ignature',
  'svix',
  'x-github',
  'x-event-name',
  'event_name',
  'event_type',
  'constructEvent',
  'Webhook',
  'webhook',
  'checkout.',
  'invoice.',
  'customer.',
  'payment_intent.',
  'charge.',
  'setup_intent.',
  'payment_method.',
  'price.',
  'product.',
  'payout.',
  'refund.',
  'user.',
  'session.',
  'organization',
  'email.',
  'transaction.',
  'adjustment.',
  'subscription',
  'order_',
  'license_key_',
  'affiliate_',
  'INSERT',
  'UPDATE',
  'DELETE',
];

/** An API route or a route handler: the only modules that receive webhooks. */
export const isRouteModule = (file: string): boolean => /(^|\/)pages\/api\/|(^|\/)route\.[cm]?[jt]sx?$/.test(file);

/** Whether a module may hold a webhook handler: a route whose path or text shows one. */
const WEBHOOK_WORDS = anyOf(WEBHOOK_TEXT);

export function mayHoldWebhook(text: string, file: string): boolean {
  return isRouteModule(file) && (/webhook/i.test(file) || WEBHOOK_WORDS.test(text));
}

export const meta: TransformMeta = {
  id: 'verify-webhook-signature',
  title: 'Verify webhook signatures',
  description:
    "Makes a webhook handler verify the provider's signature over the raw body before it reads the event, and answer 400 when it fails: Stripe's `constructEvent` (`constructEventAsync` with the Web Crypto provider on the edge runtime), svix's `Webhook.verify` for Clerk and Resend, and an HMAC-SHA256 compared with `timingSafeEqual` for Lemon Squeezy and GitHub. A Pages Router route gets `bodyParser: false` and reads its raw body from the request stream. The secret's name goes into `.env.example`. Needs review: unsigned requests, which the handler accepted before, now get 400, and the secret must be set.",
  safe: false,
};
