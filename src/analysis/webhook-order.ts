import type { Node, Program, Statement } from '@babel/types';
import { memberName, propertyName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { effectsOf, moduleFunctions, text, type Effect, type VerifiedWebhook } from './webhook-effects.ts';

/** Events that carry the whole state of a subscription, which a late older one would roll back. */
const STATE_EVENT =
  /^customer\.subscription\.(created|updated|deleted|paused|resumed|pending_update_applied|pending_update_expired)$|^subscription[._](created|updated|cancell?ed|expired|paused|resumed|unpaused|past_due|activated)$/;

/** A Supabase database webhook's change of a row: the row's whole state, as the table holds it. */
const ROW_CHANGE = /^(INSERT|UPDATE)$/;

export function isStateEvent(type: string, provider?: string): boolean {
  return STATE_EVENT.test(type) || (provider === 'supabase' && ROW_CHANGE.test(type));
}

export interface StateBranch {
  eventTypes: string[];
  /** Whether every event the branch runs for is a subscription state event: its object is a subscription. */
  onlyStateEvents: boolean;
  /** The statements that run for those events. */
  statements: Statement[];
}

/**
 * The event type a node names: a string, or a member of the Paddle SDK's `EventName` enum
 * (`EventName.SubscriptionPastDue` is `subscription.past_due`).
 */
function eventLabel(node: Node): string | null {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier' || node.object.name !== 'EventName') return null;
  const words = (memberName(node) ?? '').split(/(?=[A-Z])/).map((word) => word.toLowerCase());
  return words.length > 1 ? `${words[0]}.${words.slice(1).join('_')}` : null;
}

/** The `case`s and `if` branches of the handler that run for a subscription state event. */
export function stateBranches(webhook: VerifiedWebhook): StateBranch[] {
  const branches: StateBranch[] = [];
  forEachNode(webhook.handler.body, (node) => {
    if (node.type === 'SwitchStatement') {
      let labels: string[] = [];
      for (const clause of node.cases) {
        const label = clause.test ? eventLabel(clause.test) : null;
        if (label) labels.push(label);
        if (clause.consequent.length === 0) continue;
        const eventTypes = labels.filter((label) => isStateEvent(label, webhook.provider));
        if (eventTypes.length > 0)
          branches.push({ eventTypes, onlyStateEvents: eventTypes.length === labels.length, statements: clause.consequent });
        labels = [];
      }
    }
    if (node.type === 'IfStatement') {
      const labels: string[] = [];
      forEachNode(node.test, (child) => {
        const label = eventLabel(child);
        if (label) labels.push(label);
      });
      const eventTypes = labels.filter((label) => isStateEvent(label, webhook.provider));
      if (eventTypes.length > 0)
        branches.push({
          eventTypes,
          onlyStateEvents: eventTypes.length === labels.length,
          statements: node.consequent.type === 'BlockStatement' ? node.consequent.body : [node.consequent],
        });
    }
  });
  return branches;
}

/** The time of the event a handler got, as each provider's payload carries it. */
export interface EventTime {
  /** An ISO 8601 string: a SQL parameter, a PostgREST filter value. */
  iso: string;
  /** A `Date`, for Prisma. */
  date: string;
}

/** Whether the handler reads a path of the event: `payload.record.updated_at`, or a name destructured from it. */
function readsPath(webhook: VerifiedWebhook, source: string, path: string): boolean {
  const wanted = `${webhook.event}.${path}`;
  const field = path.split('.').at(-1)!;
  let reads = false;
  forEachNode(webhook.handler.body, (node, ancestors) => {
    if (reads) return;
    if (node.type === 'MemberExpression' && text(source, node).replace(/\s+|\?/g, '') === wanted) reads = true;
    if (node.type === 'ObjectProperty' && propertyName(node) === field && ancestors.at(-1)?.type === 'ObjectPattern') reads = true;
  });
  return reads;
}

/** Whether the event is the `@paddle/paddle-node-sdk` `unmarshal` result, whose fields are camelCase. */
function unmarshalled(webhook: VerifiedWebhook): boolean {
  let found = false;
  forEachNode(webhook.handler.body, (node) => {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || node.id.name !== webhook.event || !node.init) return;
    forEachNode(node.init, (inner) => {
      if (inner.type === 'CallExpression' && memberName(inner.callee) === 'unmarshal') found = true;
    });
  });
  return found;
}

/**
 * When the event a non-Stripe handler got happened, from its verified payload: Lemon Squeezy's
 * subscription `data.attributes.updated_at`, Paddle Billing's `occurred_at` (`occurredAt` once the
 * SDK unmarshals it), Clerk's `timestamp` (milliseconds), a Supabase database webhook's
 * `record.updated_at` where the handler reads it (the table has one). Null where none is known.
 */
export function eventTime(webhook: VerifiedWebhook, source: string): EventTime | null {
  const event = webhook.event;
  const iso = (expression: string): EventTime => ({ iso: expression, date: `new Date(${expression})` });
  switch (webhook.provider) {
    case 'lemonsqueezy':
      return iso(`${event}.data.attributes.updated_at`);
    case 'paddle':
      return iso(unmarshalled(webhook) ? `${event}.occurredAt` : `${event}.occurred_at`);
    case 'clerk':
      return { iso: `new Date(${event}.timestamp).toISOString()`, date: `new Date(${event}.timestamp)` };
    case 'supabase':
      return readsPath(webhook, source, 'record.updated_at') ? iso(`${event}.record.updated_at`) : null;
    default:
      return null;
  }
}

/**
 * Whether the handler already writes the newest state whatever the order: it re-fetches the object
 * from the provider (`.retrieve(…)`), reads the event's time (`event.created`), or filters the write
 * on the stored update time or the last event's (`last_event_at`).
 */
export function guardsOrder(webhook: VerifiedWebhook, program: Program, source: string): boolean {
  const scopes: Node[] = [webhook.handler, ...moduleFunctions(program).values()];
  let guarded = false;
  for (const scope of scopes) {
    forEachNode(scope, (node) => {
      if (guarded) return;
      if (node.type === 'CallExpression' && /^(retrieve|getSubscription)$/.test(memberName(node.callee) ?? '')) guarded = true;
      if (
        node.type === 'MemberExpression' &&
        memberName(node) === 'created' &&
        node.object.type === 'Identifier' &&
        node.object.name === webhook.event
      )
        guarded = true;
      if (node.type === 'CallExpression' && /^(lt|lte)$/.test(memberName(node.callee) ?? '')) guarded = true;
    });
    const code = source.slice(scope.start!, scope.end!);
    if (!guarded && /updated_?at\s*:\s*\{\s*lte?\s*:|updated_at\s*<=?\s*\$|last_?event_?at/i.test(code)) guarded = true;
  }
  return guarded;
}

/** The names bound, in the handler, to the event or to values read from it. */
export function eventDerivedNames(webhook: VerifiedWebhook): Set<string> {
  const names = new Set([webhook.event]);
  forEachNode(webhook.handler.body, (node) => {
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    let derived = false;
    forEachNode(node.init, (child) => {
      if (child.type === 'Identifier' && names.has(child.name)) derived = true;
    });
    if (!derived) return;
    forEachNode(node.id, (child) => {
      if (child.type === 'Identifier') names.add(child.name);
    });
  });
  return names;
}

export interface StateWrite {
  eventTypes: string[];
  effect: Effect;
}

/** Database writes in a state event's branch that carry values from the event's payload. */
export function stateWrites(webhook: VerifiedWebhook, program: Program, source: string): StateWrite[] {
  const derived = eventDerivedNames(webhook);
  const writes: StateWrite[] = [];
  for (const branch of stateBranches(webhook)) {
    for (const statement of branch.statements) {
      for (const effect of effectsOf(webhook, program, source, statement)) {
        // An insert creates a row and an increment adds to one: neither is the object's state, which a late event would roll back.
        if (effect.backend === null || effect.repeats || (effect.operation !== 'update' && effect.operation !== 'upsert')) continue;
        let fromPayload = false;
        forEachNode(effect.site, (child) => {
          if (child.type === 'Identifier' && derived.has(child.name)) fromPayload = true;
        });
        if (fromPayload) writes.push({ eventTypes: branch.eventTypes, effect });
      }
    }
  }
  return writes;
}
