import type { Node, Program } from '@babel/types';
import { envRead } from '../env-reads.ts';
import {
  DATABASE_CHANGE_TYPES,
  DEFAULT_SECRET_NAMES,
  SECRET_NAME,
  inEventTypePosition,
  providerOfEventType,
  providerOfHeader,
  type Provider,
} from './providers.ts';
import { reachableCode, walkAll } from './reach.ts';
import { bodyReads } from './body.ts';
import { verificationOf } from './verification.ts';

import type { Webhook, WebhookHandlerInput } from './types.ts';

export type { Provider } from './providers.ts';
export type { Webhook, WebhookHandlerInput } from './types.ts';
export { swallowedErrors, responseStatus, type SwallowedError } from './errors.ts';
export { bodyParserDisabled } from './verification.ts';
export type { BodyRead } from './body.ts';
export type { Verification, VerificationFault } from './verification.ts';
export { DEFAULT_SECRET_NAMES } from './providers.ts';

interface Sign {
  provider: Provider;
  node: Node;
  strength: number;
}

/** The provider signs in the handler's code: headers, event types, SDK calls, the shape of a Supabase database webhook. */
function signsIn(code: readonly Node[]): Sign[] {
  const signs: Sign[] = [];
  let changeTypeTested: Node | null = null;
  let recordRead = false;
  walkAll(code, (node, ancestors) => {
    if (node.type === 'StringLiteral') {
      const parent = ancestors.at(-1);
      const header = providerOfHeader(node.value);
      if (header && parent?.type === 'CallExpression') signs.push({ provider: header, node, strength: 2 });
      else if (header && parent?.type === 'MemberExpression' && parent.property === node)
        signs.push({ provider: header, node, strength: 2 });
      if (!inEventTypePosition(node, parent, ancestors.at(-2))) return;
      const event = providerOfEventType(node.value);
      if (event) signs.push({ provider: event, node, strength: 1 });
      if (DATABASE_CHANGE_TYPES.has(node.value)) changeTypeTested ??= node;
      return;
    }
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
      const name = node.property.name;
      if (name === 'record' || name === 'old_record') recordRead = true;
      if (name === 'event_name' && node.object.type === 'MemberExpression' && propertyIs(node.object, 'meta'))
        signs.push({ provider: 'lemonsqueezy', node, strength: 1 });
      if (name === 'constructEvent' || name === 'constructEventAsync') signs.push({ provider: 'stripe', node, strength: 3 });
    }
    if (node.type === 'ObjectProperty' && !node.computed && node.key.type === 'Identifier' && /^(record|old_record)$/.test(node.key.name))
      if (ancestors.at(-1)?.type === 'ObjectPattern') recordRead = true;
  });
  if (changeTypeTested && recordRead) signs.push({ provider: 'supabase', node: changeTypeTested, strength: 1 });
  return signs;
}

function propertyIs(node: Node, name: string): boolean {
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === name;
}

/** Svix signs for Clerk and Resend alike: their event types, or the secret's name, tell which. */
function refine(provider: Provider, signs: readonly Sign[], secretName: string | null): Provider {
  if (provider !== 'svix') return provider;
  const named = signs.find((sign) => sign.provider === 'clerk' || sign.provider === 'resend')?.provider;
  if (named) return named;
  if (secretName && /CLERK/i.test(secretName)) return 'clerk';
  if (secretName && /RESEND/i.test(secretName)) return 'resend';
  return 'svix';
}

const PATH_NAMES: ReadonlyArray<[RegExp, Provider]> = [
  [/stripe/i, 'stripe'],
  [/lemon/i, 'lemonsqueezy'],
  [/paddle/i, 'paddle'],
  [/github/i, 'github'],
  [/clerk/i, 'clerk'],
  [/resend/i, 'resend'],
  [/svix/i, 'svix'],
  [/supabase/i, 'supabase'],
];

/** A route with no sign of its provider but its name: `app/api/webhooks/clerk/route.ts`. */
function providerOfPath(file: string): Provider {
  return PATH_NAMES.find(([pattern]) => pattern.test(file))?.[1] ?? 'unknown';
}

function secretIn(code: readonly Node[]): string | null {
  let found: string | null = null;
  walkAll(code, (node) => {
    const name = envRead(node);
    if (name && !found && SECRET_NAME.test(name)) found = name;
  });
  return found;
}

/**
 * Whether a request handler is a webhook, recognised by what it does (the provider's headers,
 * event types, SDK, or a Supabase database change), and how it verifies the sender. Null for
 * any other handler.
 */
export function webhookOf(handler: WebhookHandlerInput, program: Program): Webhook | null {
  if (handler.kind === 'server-action') return null;
  const code = reachableCode(handler.fn, program);
  const signs = signsIn(code);
  const bodies = bodyReads(handler.request, code);
  const pagesRouter = handler.kind === 'pages-api';
  const named = handler.route !== null && /webhook/i.test(handler.route) && bodies.length > 0;
  if (signs.length === 0 && !named) return null;
  const strongest = [...signs].sort((a, b) => b.strength - a.strength)[0];
  const secretName = secretIn(code);
  const provider = refine(strongest?.provider ?? providerOfPath(handler.route ?? ''), signs, secretName);
  const verifier = verificationOf(code, program, bodies, pagesRouter);
  const faults = verifier?.faults ?? [];
  return {
    provider,
    verification: verifier === null ? 'none' : faults.length > 0 ? 'broken' : 'verified',
    event: verifier?.event ?? bodies.find((body) => body.binding !== null)?.binding ?? null,
    faults,
    verifier,
    bodies,
    secret: { name: secretName ?? DEFAULT_SECRET_NAMES[provider], read: secretName !== null },
    evidence: strongest?.node ?? bodies[0]!.node,
    pagesRouter,
    code,
  };
}
