import type { FileInfo } from 'jscodeshift';
import type { Node } from '@babel/types';
import { TextEdits } from '../src/engine/codemod.ts';
import { parseSource } from '../src/engine/parse.ts';
import { forEachNode } from '../src/engine/walk.ts';
import { text, verifiedWebhooks, type VerifiedWebhook } from '../src/analysis/webhook-effects.ts';
import { guardsOrder, stateBranches, stateWrites } from '../src/analysis/webhook-order.ts';
import { meta } from './meta/guard-event-order.ts';
export { meta };

export const parser = 'tsx';

const TODO =
  'an older event can arrive after a newer one: re-fetch the object from the provider before writing it, or write only when the event is newer than the stored update time';

const CASTS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression']);

function uncast(node: Node): Node {
  let current = node;
  while (CASTS.has(current.type)) current = (current as { expression: Node }).expression;
  return current;
}

/** `event.data.object`, the object the event carried, as the event binding names it. */
function isEventObject(node: Node, source: string, event: string): boolean {
  const inner = uncast(node);
  return inner.type === 'MemberExpression' && text(source, inner).replace(/\s+/g, '') === `${event}.data.object`;
}

/** The statement a call stands in, where a note about it goes. */
function statementOf(root: Node, target: Node): Node | null {
  let found: Node | null = null;
  forEachNode(root, (node, ancestors) => {
    if (node !== target) return;
    found =
      [...ancestors]
        .reverse()
        .find((a) => a.type === 'ExpressionStatement' || a.type === 'VariableDeclaration' || a.type === 'ReturnStatement') ?? null;
  });
  return found;
}

/**
 * In each branch for a subscription event, the object the event carried becomes the subscription
 * as Stripe holds it now. The value is replaced where it is first named: a declaration's initial
 * value or an argument.
 */
function refetchInBranches(webhook: VerifiedWebhook, source: string, edits: TextEdits): Set<Node> {
  const covered = new Set<Node>();
  if (!webhook.stripeClient || !(webhook.handler as { async?: boolean }).async) return covered;
  for (const branch of stateBranches(webhook)) {
    if (!branch.onlyStateEvents) continue;
    const targets: Node[] = [];
    for (const statement of branch.statements) {
      forEachNode(statement, (node, ancestors) => {
        if (ancestors.some((a) => a.type.includes('Function') || targets.includes(a))) return;
        const parent = ancestors.at(-1);
        const named =
          (parent?.type === 'VariableDeclarator' && parent.init === node) ||
          (parent?.type === 'CallExpression' && parent.arguments.includes(node as never));
        if (named && isEventObject(node, source, webhook.event)) targets.push(node);
      });
    }
    for (const target of targets) {
      const original = text(source, target);
      const id = CASTS.has(target.type) ? `(${original}).id` : `${original}.id`;
      edits.replace(target.start!, target.end!, `await ${webhook.stripeClient}.subscriptions.retrieve(${id})`);
    }
    if (targets.length > 0) for (const statement of branch.statements) covered.add(statement);
  }
  return covered;
}

export default function guardEventOrder(file: FileInfo): string | undefined {
  if (!meta.prefilter!.some((needle) => file.source.includes(needle))) return undefined;
  const source = file.source;
  const program = parseSource(file.path, source).program;
  const edits = new TextEdits(source, file.path);
  for (const webhook of verifiedWebhooks(program, source)) {
    if (guardsOrder(webhook, program, source)) continue;
    const writes = stateWrites(webhook, program, source);
    if (writes.length === 0) continue;
    const covered = webhook.provider === 'stripe' ? refetchInBranches(webhook, source, edits) : new Set<Node>();
    for (const write of writes) {
      const site = write.effect.site;
      if ([...covered].some((statement) => site.start! >= statement.start! && site.end! <= statement.end!)) continue;
      const statement = statementOf(webhook.handler.body, site);
      if (statement) edits.todoAbove(statement.start!, TODO);
    }
  }
  return edits.changed ? edits.apply() : undefined;
}
