import type { Node, Program, Statement } from '@babel/types';
import { memberName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { effectsOf, moduleFunctions, type Effect, type VerifiedWebhook } from './webhook-effects.ts';

/** Events that carry the whole state of a subscription, which a late older one would roll back. */
const STATE_EVENT =
  /^customer\.subscription\.(created|updated|deleted|paused|resumed|pending_update_applied|pending_update_expired)$|^subscription[._](created|updated|cancell?ed|expired|paused|resumed|unpaused|past_due|activated)$/;

export function isStateEvent(type: string): boolean {
  return STATE_EVENT.test(type);
}

export interface StateBranch {
  eventTypes: string[];
  /** Whether every event the branch runs for is a subscription state event: its object is a subscription. */
  onlyStateEvents: boolean;
  /** The statements that run for those events. */
  statements: Statement[];
}

/** The `case`s and `if` branches of the handler that run for a subscription state event. */
export function stateBranches(webhook: VerifiedWebhook): StateBranch[] {
  const branches: StateBranch[] = [];
  forEachNode(webhook.handler.body, (node) => {
    if (node.type === 'SwitchStatement') {
      let labels: string[] = [];
      for (const clause of node.cases) {
        if (clause.test?.type === 'StringLiteral') labels.push(clause.test.value);
        if (clause.consequent.length === 0) continue;
        const eventTypes = labels.filter(isStateEvent);
        if (eventTypes.length > 0)
          branches.push({ eventTypes, onlyStateEvents: eventTypes.length === labels.length, statements: clause.consequent });
        labels = [];
      }
    }
    if (node.type === 'IfStatement') {
      const labels: string[] = [];
      forEachNode(node.test, (child) => {
        if (child.type === 'StringLiteral') labels.push(child.value);
      });
      const eventTypes = labels.filter(isStateEvent);
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

/**
 * Whether the handler already writes the newest state whatever the order: it re-fetches the object
 * from the provider (`.retrieve(…)`), reads the event's time (`event.created`), or filters the write
 * on the stored update time.
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
    if (!guarded && /updated_?at\s*:\s*\{\s*lte?\s*:|updated_at\s*<=?\s*\$/i.test(source.slice(scope.start!, scope.end!))) guarded = true;
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
