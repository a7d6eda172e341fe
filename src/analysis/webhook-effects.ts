import type { File as BabelFile, CallExpression, Node, Program, Statement } from '@babel/types';
import type { Project } from '../project/types.ts';
import { requestHandlers } from './request-handlers.ts';
import { webhookOf } from './webhooks/index.ts';
import { memberName, propertyName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { queryKind } from './query-calls.ts';

/** A function with a block body: the only kind a statement can be inserted into. */
export type HandlerFunction = Extract<Node, { body: Node; params: unknown[] }> & { body: Extract<Node, { type: 'BlockStatement' }> };

export interface VerifiedWebhook {
  handler: HandlerFunction;
  provider: string;
  /** The binding that holds the verified event. */
  event: string;
  /** The statement of the handler's body that verifies the payload: the handler's own work starts after it. */
  verification: Statement;
  /** Where the verifying call ends: what the handler does per event comes after it. */
  verifiedAt: number;
  /** The source text of the Stripe client that verified the event (`stripe`), when Stripe did. */
  stripeClient: string | null;
}

export type Backend = 'prisma' | 'supabase' | 'pg' | 'postgres.js';

export interface Effect {
  /** The call in the handler's own body: the write itself, or the call of the module function that makes it. */
  site: CallExpression;
  /** What the call does, for a message: `prisma.order.create`, `an email`. */
  label: string;
  /** A database write that lands as often as it is made, or another service's side effect. */
  repeats: boolean;
  /** What a database write does to its rows; null for another service's side effect. */
  operation: 'insert' | 'update' | 'upsert' | 'delete' | 'call' | null;
  backend: Backend | null;
  /** The source text of the database client the write goes through. */
  client: string | null;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);

function unwrap(node: Node): Node {
  let current = node;
  while (
    current.type === 'AwaitExpression' ||
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'ParenthesizedExpression'
  )
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  return current;
}

export function text(source: string, node: Node): string {
  return source.slice(node.start!, node.end!);
}

/** The binding a value lands in: `const x = value`, `x = value`, through `await` and type casts. */
function bindingOf(ancestors: readonly Node[]): string | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i]!;
    if (node.type === 'VariableDeclarator') return node.id.type === 'Identifier' ? node.id.name : null;
    if (node.type === 'AssignmentExpression') return node.left.type === 'Identifier' ? node.left.name : null;
    if (
      !['AwaitExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression'].includes(node.type)
    )
      return null;
  }
  return null;
}

const HMAC_PROVIDERS: Array<[RegExp, string]> = [
  [/x-signature|event_name|lemon/i, 'lemonsqueezy'],
  [/paddle-signature/i, 'paddle'],
  [/x-hub-signature|x-github-event/i, 'github'],
];

/**
 * The verified webhook handlers of a module: the request handlers the webhook module finds verified,
 * and, in modules that are not routes (a `lib/` function a route calls), the functions that verify a
 * Stripe event, an svix message, or an HMAC with `timingSafeEqual`.
 */
export function verifiedWebhooks(program: Program, source: string, file?: string, project?: Project): VerifiedWebhook[] {
  const handlers = file && project ? requestHandlers(file, { type: 'File', program } as BabelFile, project) : [];
  const found: VerifiedWebhook[] = [];
  // A handler the webhook module judged (verified, broken or unverified) is not judged again below.
  const judged = new Set<Node>();
  for (const handler of handlers) {
    const webhook = webhookOf(handler, program);
    if (!webhook || handler.fn.body.type !== 'BlockStatement') continue;
    judged.add(handler.fn);
    if (webhook.verification !== 'verified' || !webhook.event || !webhook.verifier) continue;
    const fn = handler.fn as HandlerFunction;
    const verification = topStatement(fn, webhook.verifier.call) ?? declaringStatement(fn, webhook.event);
    if (!verification) continue;
    const call = webhook.verifier.call;
    const webhooks =
      webhook.verifier.kind === 'stripe' && call.type === 'CallExpression' && call.callee.type === 'MemberExpression'
        ? call.callee.object
        : null;
    const stripeClient = webhooks && memberName(webhooks) === 'webhooks' ? text(source, (webhooks as { object: Node }).object) : null;
    const verifiedAt = topStatement(fn, call) ? call.end! : verification.end!;
    found.push({ handler: fn, provider: webhook.provider, event: webhook.event, verification, verifiedAt, stripeClient });
  }
  return [...found, ...verifyingFunctions(program, source).filter((webhook) => !judged.has(webhook.handler))];
}

/** The statement of the function's own body that holds a node. */
function topStatement(fn: HandlerFunction, inner: Node): Statement | null {
  return fn.body.body.find((statement) => statement.start! <= inner.start! && inner.end! <= statement.end!) ?? null;
}

/** The last statement of the function's own body that declares or assigns a name. */
function declaringStatement(fn: HandlerFunction, name: string): Statement | null {
  let found: Statement | null = null;
  for (const statement of fn.body.body) {
    forEachNode(statement, (node) => {
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === name) found = statement;
      if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === name) found = statement;
    });
  }
  return found;
}

function verifyingFunctions(program: Program, source: string): VerifiedWebhook[] {
  const found = new Map<Node, VerifiedWebhook>();
  forEachNode(program, (node, ancestors) => {
    if (node.type !== 'CallExpression') return;
    const name = memberName(node.callee) ?? (node.callee.type === 'Identifier' ? node.callee.name : null);
    let provider: string | null = null;
    let stripeClient: string | null = null;
    if ((name === 'constructEvent' || name === 'constructEventAsync') && node.callee.type === 'MemberExpression') {
      provider = 'stripe';
      const webhooks = node.callee.object;
      if (memberName(webhooks) === 'webhooks') stripeClient = text(source, (webhooks as { object: Node }).object);
    } else if (name === 'verify' && /new\s+Webhook\s*\(/.test(source)) provider = 'svix';
    else if (name === 'timingSafeEqual') provider = HMAC_PROVIDERS.find(([pattern]) => pattern.test(source))?.[1] ?? 'hmac';
    if (!provider) return;
    const index = ancestors.findLastIndex((a) => FUNCTION_TYPES.has(a.type));
    const handler = ancestors[index] as HandlerFunction | undefined;
    if (!handler || handler.body.type !== 'BlockStatement' || found.has(handler)) return;
    const verification = ancestors[index + 2] ?? node;
    let event = provider === 'stripe' || provider === 'svix' ? bindingOf(ancestors) : null;
    if (!event) event = parsedPayload(handler, verification);
    if (!event || (!verification.type.endsWith('Statement') && verification.type !== 'VariableDeclaration')) return;
    found.set(handler, { handler, provider, event, verification: verification as Statement, verifiedAt: node.end!, stripeClient });
  });
  return [...found.values()];
}

/** `const payload = JSON.parse(raw)` after the verification: the event of an HMAC-signed webhook. */
function parsedPayload(handler: HandlerFunction, verification: Node): string | null {
  for (const statement of handler.body.body) {
    if (statement.start! < verification.start! || statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init && unwrap(declarator.init);
      if (declarator.id.type !== 'Identifier' || init?.type !== 'CallExpression') continue;
      const callee = init.callee;
      if (
        memberName(callee) === 'parse' &&
        callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        callee.object.name === 'JSON'
      )
        return declarator.id.name;
      if (memberName(callee) === 'json') return declarator.id.name;
    }
  }
  return null;
}

/** The module's functions by name: `function f() {}` and `const f = () => {}` at the top level. */
export function moduleFunctions(program: Program): Map<string, HandlerFunction> {
  const functions = new Map<string, HandlerFunction>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id && declaration.body)
      functions.set(declaration.id.name, declaration as HandlerFunction);
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      const init = declarator.init;
      if (
        declarator.id.type === 'Identifier' &&
        init &&
        FUNCTION_TYPES.has(init.type) &&
        (init as { body: Node }).body.type === 'BlockStatement'
      )
        functions.set(declarator.id.name, init as HandlerFunction);
    }
  }
  return functions;
}

const STRIPE_SIDE_EFFECTS =
  /^(paymentIntents|charges|refunds|transfers|payouts|invoiceItems|invoices|subscriptions|customers|subscriptionItems|creditNotes)$/;
const INCREMENT = /^(increment|decrement|multiply|push)$/;
const REPEATING_RPC = /increment|decrement|add|credit|grant|deduct|consume|award/i;

function hasIncrement(node: Node): boolean {
  let found = false;
  forEachNode(node, (child) => {
    if (!found && child.type === 'ObjectProperty' && INCREMENT.test(propertyName(child) ?? '')) found = true;
  });
  return found;
}

function sqlText(node: Node | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('?');
  return null;
}

function sqlRepeats(statement: string): boolean | null {
  if (/^\s*insert\b/i.test(statement)) return !/\bon\s+conflict\b/i.test(statement);
  if (/^\s*update\b/i.test(statement)) return /\bset\b[^;]*?(\w+)\s*=\s*\1\s*[-+]/i.test(statement);
  if (/^\s*delete\b/i.test(statement)) return false;
  return null;
}

function statementLabel(statement: string): string {
  return statement.trim().split(/\s+/).slice(0, 3).join(' ');
}

function sqlOperation(statement: string): Effect['operation'] {
  const verb = /^\s*(\w+)/.exec(statement)?.[1]?.toLowerCase();
  if (verb === 'insert') return /\bdo\s+update\b/i.test(statement) ? 'upsert' : 'insert';
  return verb === 'update' || verb === 'delete' ? verb : 'call';
}

/** The receiver of a supabase-js chain: what `.from(…)` is called on. */
function supabaseClient(call: Node): Node | null {
  for (let current: Node = call; current.type === 'CallExpression';) {
    const callee: Node = current.callee;
    if (callee.type !== 'MemberExpression') return null;
    if (memberName(callee) === 'from') return callee.object;
    current = callee.object;
  }
  return null;
}

function chainMethods(call: Node): string[] {
  const methods: string[] = [];
  for (
    let current: Node = call;
    current.type === 'CallExpression' && current.callee.type === 'MemberExpression';
    current = current.callee.object
  )
    methods.push(memberName(current.callee) ?? '');
  return methods;
}

function clientText(source: string, node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return text(source, node);
  if (node.type === 'MemberExpression' && !node.computed) return clientText(source, node.object) && text(source, node);
  if (node.type === 'CallExpression' && node.arguments.length === 0) return clientText(source, node.callee) && text(source, node);
  return null;
}

/** What one call does to the world, or null for a read or a call this does not know. */
export function effectOf(call: CallExpression, source: string): Omit<Effect, 'site'> | null {
  const kind = queryKind(call);
  const callee = call.callee;
  const name = memberName(callee);
  if (kind?.kind === 'prisma' && callee.type === 'MemberExpression') {
    const model = callee.object as Extract<Node, { type: 'MemberExpression' }>;
    const client = clientText(source, model.object);
    const label = text(source, callee);
    if (kind.method === 'create' || kind.method === 'createMany')
      return { label, repeats: true, operation: 'insert', backend: 'prisma', client };
    if (['update', 'updateMany', 'upsert'].includes(kind.method))
      return { label, repeats: hasIncrement(call), operation: kind.method === 'upsert' ? 'upsert' : 'update', backend: 'prisma', client };
    if (kind.method === 'delete' || kind.method === 'deleteMany')
      return { label, repeats: false, operation: 'delete', backend: 'prisma', client };
    return null;
  }
  if (kind?.kind === 'supabase') {
    const methods = chainMethods(call);
    const client = clientText(source, supabaseClient(call));
    const table = call.callee.type === 'MemberExpression' ? tableOf(call) : null;
    const write = methods.find((m): m is 'insert' | 'upsert' | 'update' | 'delete' => ['insert', 'upsert', 'update', 'delete'].includes(m));
    if (!write) return null;
    return { label: `${table ? `${table}.` : ''}${write}`, repeats: write === 'insert', operation: write, backend: 'supabase', client };
  }
  if (kind?.kind === 'sql') {
    const statement = call.type === 'CallExpression' ? sqlText(call.arguments[0] as Node | undefined) : null;
    const repeats = statement === null ? null : sqlRepeats(statement);
    if (repeats === null) return null;
    const client = callee.type === 'MemberExpression' ? clientText(source, callee.object) : null;
    return { label: statementLabel(statement!), repeats, operation: sqlOperation(statement!), backend: 'pg', client };
  }
  if (name === 'rpc' && callee.type === 'MemberExpression') {
    const fn = sqlText(call.arguments[0] as Node | undefined);
    if (fn === null) return null;
    return {
      label: `rpc('${fn}')`,
      repeats: REPEATING_RPC.test(fn),
      operation: 'call',
      backend: 'supabase',
      client: clientText(source, callee.object),
    };
  }
  const calleeText = text(source, callee);
  if (/(^|\.)emails\.send$|(^|\.)sendMail$|(^|\.)send\w*(Email|Mail)\w*$/i.test(calleeText))
    return { label: 'an email', repeats: true, operation: null, backend: null, client: null };
  if (name === 'create' && callee.type === 'MemberExpression') {
    const resource = memberName(callee.object);
    if (resource && STRIPE_SIDE_EFFECTS.test(resource) && !/idempotencyKey/.test(text(source, call)))
      return { label: calleeText, repeats: true, operation: null, backend: null, client: null };
  }
  return null;
}

/** The table of a supabase-js chain: the literal passed to `.from`. */
function tableOf(call: Node): string | null {
  for (
    let current: Node = call;
    current.type === 'CallExpression' && current.callee.type === 'MemberExpression';
    current = current.callee.object
  )
    if (memberName(current.callee) === 'from') return sqlText(current.arguments[0] as Node | undefined);
  return null;
}

/** postgres.js: `` sql`INSERT …` `` with a tag bound to `postgres(…)`. */
function taggedEffect(node: Node, source: string, postgresTags: ReadonlySet<string>): Omit<Effect, 'site'> | null {
  if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !postgresTags.has(node.tag.name)) return null;
  const statement = sqlText(node.quasi);
  const repeats = statement === null ? null : sqlRepeats(statement);
  if (repeats === null) return null;
  return { label: statementLabel(statement!), repeats, operation: sqlOperation(statement!), backend: 'postgres.js', client: node.tag.name };
}

/** The names bound to `postgres(…)` in the module. */
export function postgresTags(program: Program): Set<string> {
  const imported = new Set<string>();
  for (const statement of program.body)
    if (statement.type === 'ImportDeclaration' && statement.source.value === 'postgres')
      for (const specifier of statement.specifiers) if (specifier.type === 'ImportDefaultSpecifier') imported.add(specifier.local.name);
  const tags = new Set<string>();
  forEachNode(program, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'CallExpression') {
      const callee = node.init.callee;
      if (callee.type === 'Identifier' && imported.has(callee.name)) tags.add(node.id.name);
    }
  });
  return tags;
}

/**
 * What the handler does per event after verifying it, each at the call in the handler's own body:
 * writes through the module's own functions count at the call that reaches them.
 */
export function effectsOf(webhook: VerifiedWebhook, program: Program, source: string, within: Node = webhook.handler.body): Effect[] {
  const functions = moduleFunctions(program);
  const tags = postgresTags(program);
  const effects: Effect[] = [];
  const inside = (fn: Node, seen: Set<Node>): Array<Omit<Effect, 'site'>> => {
    if (seen.has(fn)) return [];
    seen.add(fn);
    const found: Array<Omit<Effect, 'site'>> = [];
    forEachNode(fn, (node) => {
      const effect = node.type === 'CallExpression' ? effectOf(node, source) : taggedEffect(node, source, tags);
      if (effect) found.push(effect);
      if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
        const callee = functions.get(node.callee.name);
        if (callee) found.push(...inside(callee, seen));
      }
    });
    return found;
  };
  // A supabase-js chain is one write: its inner calls (`.from(…).update(…)` under `.eq(…)`) are not another.
  let chain: Node | null = null;
  forEachNode(within, (node) => {
    if (node.start! < webhook.verifiedAt) return;
    const direct = node.type === 'CallExpression' ? effectOf(node, source) : taggedEffect(node, source, tags);
    if (direct && !(chain && node.start! >= chain.start! && node.end! <= chain.end!)) {
      effects.push({ site: node as CallExpression, ...direct });
      chain = node;
    }
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      const callee = functions.get(node.callee.name);
      if (callee && callee !== webhook.handler)
        for (const effect of inside(callee, new Set([webhook.handler]))) effects.push({ site: node, ...effect });
    }
  });
  return effects;
}

/** Whether the handler reads the event's id anywhere but a log line: it records or checks it. */
export function readsEventId(webhook: VerifiedWebhook, program: Program): boolean {
  const functions = moduleFunctions(program);
  const scopes: Node[] = [webhook.handler, ...functions.values()];
  let reads = false;
  for (const scope of scopes) {
    forEachNode(scope, (node, ancestors) => {
      if (reads || node.type !== 'MemberExpression' || memberName(node) !== 'id') return;
      if (node.object.type !== 'Identifier' || node.object.name !== webhook.event) return;
      const logged = ancestors.some(
        (a) =>
          a.type === 'CallExpression' &&
          a.callee.type === 'MemberExpression' &&
          a.callee.object.type === 'Identifier' &&
          a.callee.object.name === 'console',
      );
      if (!logged) reads = true;
    });
  }
  return reads;
}
