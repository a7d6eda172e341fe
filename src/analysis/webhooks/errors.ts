import type { CatchClause, Node } from '@babel/types';
import { isFunction, walkAll, walkNodes } from './reach.ts';
import type { Webhook } from './types.ts';

/**
 * `empty`: a catch with nothing in it; `ok`: a catch that answers 2xx; `fallsThrough`: a catch that
 * logs and lets the handler go on to its 2xx answer. Each tells the provider the event was handled.
 */
export interface SwallowedError {
  kind: 'empty' | 'ok' | 'fallsThrough';
  clause: CatchClause;
  status: number | null;
}

const RESPONSE_CONSTRUCTORS = new Set(['Response', 'NextResponse']);

function statusOf(init: Node | undefined): number | null | 'unknown' {
  if (!init) return null;
  if (init.type !== 'ObjectExpression') return 'unknown';
  for (const property of init.properties) {
    if (property.type === 'SpreadElement') return 'unknown';
    if (property.type !== 'ObjectProperty' || property.computed || property.key.type !== 'Identifier' || property.key.name !== 'status')
      continue;
    return property.value.type === 'NumericLiteral' ? property.value.value : 'unknown';
  }
  return null;
}

/**
 * The status a response expression answers with: `NextResponse.json(x)` and `new Response(x)` are
 * 200, `res.status(n)…` is n, `res.json(x)` and `res.send(x)` are 200; null for anything else.
 */
export function responseStatus(node: Node): number | null {
  let current = node;
  while (current.type === 'AwaitExpression' || current.type === 'TSAsExpression')
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  if (current.type === 'NewExpression' && current.callee.type === 'Identifier' && RESPONSE_CONSTRUCTORS.has(current.callee.name)) {
    const status = statusOf(current.arguments[1] as Node | undefined);
    return status === 'unknown' ? null : (status ?? 200);
  }
  if (current.type !== 'CallExpression' || current.callee.type !== 'MemberExpression' || current.callee.property.type !== 'Identifier')
    return null;
  const method = current.callee.property.name;
  const receiver = current.callee.object;
  if (receiver.type === 'Identifier' && RESPONSE_CONSTRUCTORS.has(receiver.name) && method === 'json') {
    const status = statusOf(current.arguments[1] as Node | undefined);
    return status === 'unknown' ? null : (status ?? 200);
  }
  if (method === 'status' || method === 'sendStatus') {
    const code = current.arguments[0];
    return code?.type === 'NumericLiteral' ? code.value : null;
  }
  if (['json', 'send', 'end'].includes(method)) {
    if (receiver.type === 'CallExpression') return responseStatus(receiver);
    if (receiver.type === 'Identifier') return 200;
  }
  return null;
}

/** The responses a block answers with, outside nested functions: returned, or sent through `res`. */
function answers(block: Node): Array<number | null> {
  const statuses: Array<number | null> = [];
  walkNodes(block, (node, ancestors) => {
    if (ancestors.some(isFunction)) return;
    if (node.type === 'ReturnStatement' && node.argument) statuses.push(responseStatus(node.argument));
    if (node.type === 'ExpressionStatement') {
      const status = responseStatus(node.expression);
      if (status !== null) statuses.push(status);
    }
  });
  return statuses;
}

function leaves(block: Node): boolean {
  let left = false;
  walkNodes(block, (node, ancestors) => {
    if (left || ancestors.some(isFunction)) return;
    if (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') left = true;
    if (node.type === 'ExpressionStatement' && responseStatus(node.expression) !== null) left = true;
  });
  return left;
}

function awaits(block: Node): boolean {
  let found = false;
  walkNodes(block, (node, ancestors) => {
    if (!found && node.type === 'AwaitExpression' && !ancestors.some(isFunction)) found = true;
  });
  return found;
}

const isOk = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/** The catch clauses of a webhook handler that let the provider believe a failed event was handled. */
export function swallowedErrors(webhook: Webhook): SwallowedError[] {
  const found: SwallowedError[] = [];
  const verifier = webhook.verifier?.call;
  const handlerAnswersOk = answers((webhook.code[0] as Node & { body: Node }).body).some(isOk);
  walkAll(webhook.code, (node) => {
    if (node.type !== 'TryStatement' || !node.handler) return;
    // A catch around the signature check is webhook-signature-missing's to judge.
    if (verifier && contains(node.block, verifier)) return;
    const clause = node.handler;
    if (clause.body.body.length === 0) {
      found.push({ kind: 'empty', clause, status: null });
      return;
    }
    const ok = answers(clause.body).find(isOk);
    if (ok !== undefined) {
      found.push({ kind: 'ok', clause, status: ok });
      return;
    }
    if (!leaves(clause.body) && awaits(node.block) && handlerAnswersOk) found.push({ kind: 'fallsThrough', clause, status: null });
  });
  return found;
}

function contains(root: Node, target: Node): boolean {
  let found = false;
  walkNodes(root, (node) => {
    if (node === target) found = true;
  });
  return found;
}
