import type { Node } from '@babel/types';

export type Provider = 'stripe' | 'lemonsqueezy' | 'paddle' | 'github' | 'clerk' | 'resend' | 'svix' | 'supabase' | 'unknown';

/** Headers only one provider sends: reading one names the provider. */
const SIGNATURE_HEADERS: ReadonlyArray<[RegExp, Provider]> = [
  [/^stripe-signature$/i, 'stripe'],
  [/^x-signature$/i, 'lemonsqueezy'],
  [/^x-event-name$/i, 'lemonsqueezy'],
  [/^paddle-signature$/i, 'paddle'],
  [/^x-hub-signature(-256)?$/i, 'github'],
  [/^x-github-(event|delivery|hook-id)$/i, 'github'],
  [/^(svix|webhook)-(id|timestamp|signature)$/i, 'svix'],
];

/**
 * Event types as each provider names them, tested in the order listed: Stripe's are the most
 * specific, Paddle's and Clerk's share shapes with others and come last.
 */
const EVENT_TYPES: ReadonlyArray<[RegExp, Provider]> = [
  [
    /^(checkout\.session|invoice|customer\.subscription|payment_intent|charge|setup_intent|payment_method|subscription_schedule|billing_portal|price|product|payout|refund|checkout)\.[a-z_.]+$/,
    'stripe',
  ],
  [
    /^(order|subscription|license_key|affiliate)_(created|updated|refunded|cancelled|resumed|expired|paused|unpaused|activated|plan_changed|payment_(success|failed|recovered|refunded))$/,
    'lemonsqueezy',
  ],
  [/^email\.(sent|delivered|delivery_delayed|complained|bounced|opened|clicked|failed|received|scheduled)$/, 'resend'],
  [/^(transaction|adjustment)\.[a-z_]+$/, 'paddle'],
  [/^subscription\.(activated|past_due|trialing|imported|canceled|paused|resumed)$/, 'paddle'],
  [
    /^(user|session|organization|organizationMembership|organizationInvitation|organizationDomain|waitlistEntry|role|permission)\.[a-zA-Z_]+$/,
    'clerk',
  ],
];

/** Supabase database webhooks name the change in `type`. */
export const DATABASE_CHANGE_TYPES: ReadonlySet<string> = new Set(['INSERT', 'UPDATE', 'DELETE']);

export function providerOfHeader(name: string): Provider | null {
  return SIGNATURE_HEADERS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

export function providerOfEventType(value: string): Provider | null {
  return EVENT_TYPES.find(([pattern]) => pattern.test(value))?.[1] ?? null;
}

/**
 * Whether a string literal stands where an event type is tested: a comparison, a `case`, an object
 * key (a table of handlers), or an entry of an array or set that is searched. A literal passed to
 * any other call (an analytics event name, say) is not.
 */
export function inEventTypePosition(literal: Node, parent: Node | undefined, grandparent: Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'BinaryExpression') return ['===', '!==', '==', '!='].includes(parent.operator);
  if (parent.type === 'SwitchCase') return parent.test === literal;
  if (parent.type === 'ObjectProperty') return parent.key === literal;
  if (parent.type === 'ArrayExpression') return grandparent?.type !== 'CallExpression' || isSearch(grandparent) || isSetOf(grandparent);
  if (parent.type === 'CallExpression') return isSearch(parent);
  if (parent.type === 'TSLiteralType') return false;
  return false;
}

function isSearch(call: Node): boolean {
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier') return false;
  return ['includes', 'has'].includes(call.callee.property.name);
}

function isSetOf(node: Node): boolean {
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Set';
}

/** Env variable names that hold a webhook's signing secret. */
export const SECRET_NAME = /WEBHOOK|SIGNING_SECRET|WH_SECRET|WHSEC/i;

/** The variable a provider's own documentation reads the signing secret from. */
export const DEFAULT_SECRET_NAMES: Readonly<Record<Provider, string>> = {
  stripe: 'STRIPE_WEBHOOK_SECRET',
  lemonsqueezy: 'LEMONSQUEEZY_WEBHOOK_SECRET',
  paddle: 'PADDLE_WEBHOOK_SECRET',
  github: 'GITHUB_WEBHOOK_SECRET',
  clerk: 'CLERK_WEBHOOK_SIGNING_SECRET',
  resend: 'RESEND_WEBHOOK_SECRET',
  svix: 'WEBHOOK_SECRET',
  supabase: 'SUPABASE_WEBHOOK_SECRET',
  unknown: 'WEBHOOK_SECRET',
};
