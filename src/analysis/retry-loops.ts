import type {
  CallExpression,
  CatchClause,
  DoWhileStatement,
  ForStatement,
  IfStatement,
  NewExpression,
  Node,
  ObjectExpression,
  Program,
  TryStatement,
  WhileStatement,
} from '@babel/types';
import { forEachNode } from '../engine/walk.ts';
import { enclosingFunction, memberName, propertyName } from '../engine/ast.ts';
import { isFunctionNode } from './auth/syntax.ts';
import { someNode } from './error-handling.ts';
import { importedBindings, type ImportedBinding } from './imported-bindings.ts';
import { boundNames, type HandlerFunction } from './request-handlers.ts';

/** What can be wrong with a hand-written retry, most serious first. */
export const RETRY_FAULTS = ['unbounded', 'sdkRetriesToo', 'retries4xx', 'ignoresRetryAfter', 'noDelay', 'fixedDelay'] as const;
export type RetryFault = (typeof RETRY_FAULTS)[number];

export type RetryLoopStatement = ForStatement | WhileStatement | DoWhileStatement;
type FunctionNode = HandlerFunction;

export type SdkName = 'openai' | 'anthropic' | 'stripe';

/** The SDKs that retry on their own, the option that sets how often, and how often they retry when it is not set. */
export const RETRYING_SDKS: Record<
  SdkName,
  { packageName: string; option: string; title: string; defaultRetries: (major: number | null) => number }
> = {
  // openai v3 (`OpenAIApi`) did not retry; v4 and later retry twice.
  openai: {
    packageName: 'openai',
    option: 'maxRetries',
    title: 'OpenAI',
    defaultRetries: (major) => (major !== null && major < 4 ? 0 : 2),
  },
  anthropic: { packageName: '@anthropic-ai/sdk', option: 'maxRetries', title: 'Anthropic', defaultRetries: () => 2 },
  // stripe-node retries once by default since v13 (before, only when asked), and twice in v23 on Node.
  stripe: {
    packageName: 'stripe',
    option: 'maxNetworkRetries',
    title: 'Stripe',
    defaultRetries: (major) => (major === null ? 1 : major < 13 ? 0 : major < 23 ? 1 : 2),
  },
};

const SDK_CONSTRUCTORS: Record<string, SdkName> = { openai: 'openai', '@anthropic-ai/sdk': 'anthropic', stripe: 'stripe' };
/** The name a project's own module gives the client it exports: `import { openai } from '@/lib/openai'`. */
const IMPORTED_CLIENT_NAME: ReadonlyArray<[RegExp, SdkName]> = [
  [/^(openai|openAi|openAI|ai)(Client|Api)?$/, 'openai'],
  [/^(anthropic|claude)(Client|Api)?$/i, 'anthropic'],
  [/^stripe(Client|Api|Server)?$/i, 'stripe'],
];

export interface SdkClient {
  sdk: SdkName;
  /** The local name the code calls it by. */
  name: string;
  /** `new OpenAI({ … })` in this module, or null for a client imported from another of the project's modules. */
  construction: NewExpression | null;
  /** The options object the constructor takes (the first argument; Stripe's second), where it is a literal. */
  options: ObjectExpression | null;
  /** Where an imported client comes from. */
  importedFrom: string | null;
  /** The retries it is set to: a number, `default` when the option is absent, null when the code computes it. */
  retries: number | 'default' | null;
}

export interface RetryLoop {
  /** A loop, a function that calls itself again, or a call of a retry helper around an SDK call. */
  kind: 'loop' | 'recursion' | 'helper';
  /** The loop, the call that starts the function again, or the call of the helper. */
  node: RetryLoopStatement | CallExpression;
  /** The function the retry is in (for a recursion, the function that calls itself). */
  fn: FunctionNode | null;
  /** The call that is tried again. */
  attempt: CallExpression;
  attemptKind: 'fetch' | 'sdk' | 'callback';
  client: SdkClient | null;
  /** The retries the SDK makes on its own for each attempt, when it makes any. */
  sdkRetries: number;
  faults: RetryFault[];
}

const LOOP_TYPES = new Set(['ForStatement', 'WhileStatement', 'DoWhileStatement']);
const ANY_LOOP_TYPES = new Set([...LOOP_TYPES, 'ForOfStatement', 'ForInStatement']);
const RELATIONAL = new Set(['<', '<=', '>', '>=', '===', '!==', '==', '!=']);
const DELAY_NAME = /^(sleep|delay|wait|pause|snooze|backoff|timeout)|(Sleep|Delay|Backoff|Wait|Timeout)$/;
const JITTER = /random|jitter/i;

/** Nodes under `root`, not descending into nested functions (a callback's code runs at another time). */
function forEachOwnNode(root: Node, onNode: (node: Node, ancestors: readonly Node[]) => void): void {
  forEachNode(root, (node, ancestors) => {
    if (node !== root && isFunctionNode(node)) return 'skip';
    onNode(node, ancestors);
  });
}

function ownNodes(root: Node): Node[] {
  const nodes: Node[] = [];
  forEachOwnNode(root, (node) => nodes.push(node));
  return nodes;
}

/** The identifiers under the nodes: what they read, call or bind. */
export function identifiersIn(...nodes: ReadonlyArray<Node | null | undefined>): Set<string> {
  const names = new Set<string>();
  for (const node of nodes)
    if (node)
      forEachNode(node, (child) => {
        if (child.type === 'Identifier') names.add(child.name);
      });
  return names;
}

/** The name at the root of a member chain: `openai` for `openai.chat.completions.create`. */
export function rootName(node: Node): string | null {
  let current = node;
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
  return current.type === 'Identifier' ? current.name : null;
}

function numberOf(node: Node | null | undefined): number | null {
  if (node?.type === 'NumericLiteral') return node.value;
  return null;
}

function optionValue(options: ObjectExpression | null, name: string): { present: boolean; value: number | null } {
  const property = options?.properties.find((entry) => propertyName(entry) === name);
  if (!property) return { present: false, value: null };
  return { present: true, value: property.type === 'ObjectProperty' ? numberOf(property.value) : null };
}

/** The major version a dependency range names (`^4.20.1` → 4), or null. */
export function majorVersion(range: string | undefined): number | null {
  const match = range ? /(\d+)/.exec(range) : null;
  return match ? Number(match[1]) : null;
}

function constructedSdk(
  node: Node | null | undefined,
  bindings: ReadonlyMap<string, ImportedBinding>,
): { sdk: SdkName; call: NewExpression } | null {
  let current = node;
  // `globalForOpenAI.openai ?? new OpenAI(…)`, `new OpenAI(…) as OpenAI`
  while (current && (current.type === 'LogicalExpression' || current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression'))
    current = current.type === 'LogicalExpression' ? current.right : current.expression;
  if (current?.type !== 'NewExpression') return null;
  const callee = current.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? rootName(callee) : null;
  const binding = name ? bindings.get(name) : undefined;
  const sdk = binding ? SDK_CONSTRUCTORS[binding.source] : undefined;
  return sdk ? { sdk, call: current } : null;
}

/** The SDK clients a module makes or imports, by the names it calls them through. */
export function sdkClients(program: Program): Map<string, SdkClient> {
  const bindings = importedBindings(program);
  const clients = new Map<string, SdkClient>();
  forEachNode(program, (node) => {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier') return;
    const made = constructedSdk(node.init, bindings);
    if (!made) return;
    const optionsArg = made.call.arguments[made.sdk === 'stripe' ? 1 : 0];
    const options = optionsArg?.type === 'ObjectExpression' ? optionsArg : null;
    const option = optionValue(options, RETRYING_SDKS[made.sdk].option);
    const computed = optionsArg !== undefined && !options;
    clients.set(node.id.name, {
      sdk: made.sdk,
      name: node.id.name,
      construction: made.call,
      options,
      importedFrom: null,
      retries: option.present ? option.value : computed ? null : 'default',
    });
  });
  for (const [local, binding] of bindings) {
    if (clients.has(local) || SDK_CONSTRUCTORS[binding.source] || !/^[.@~#/]/.test(binding.source)) continue;
    const sdk = IMPORTED_CLIENT_NAME.find(([pattern]) => pattern.test(local))?.[1];
    if (sdk) clients.set(local, { sdk, name: local, construction: null, options: null, importedFrom: binding.source, retries: 'default' });
  }
  return clients;
}

/** The call's own retry option, `create(params, { maxRetries: 0 })`, where it sets one. */
function perCallRetries(call: CallExpression, sdk: SdkName): number | null | undefined {
  for (const argument of call.arguments.slice(1)) {
    if (argument.type !== 'ObjectExpression') continue;
    const option = optionValue(argument, RETRYING_SDKS[sdk].option);
    if (option.present) return option.value;
  }
  return undefined;
}

function attemptOf(
  call: CallExpression,
  clients: ReadonlyMap<string, SdkClient>,
  params: ReadonlySet<string>,
): { kind: RetryLoop['attemptKind']; client: SdkClient | null } | null {
  const callee = call.callee;
  if (callee.type === 'Identifier') {
    if (callee.name === 'fetch') return { kind: 'fetch', client: null };
    if (params.has(callee.name)) return { kind: 'callback', client: null };
    return null;
  }
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'MemberExpression') return null;
  const root = rootName(callee);
  const client = root ? clients.get(root) : undefined;
  return client ? { kind: 'sdk', client } : null;
}

function isExit(statement: Node | null | undefined): boolean {
  return statement?.type === 'ThrowStatement' || statement?.type === 'ReturnStatement' || statement?.type === 'BreakStatement';
}

/** Whether a block always leaves: its last statement returns, throws or breaks. */
function alwaysExits(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'BlockStatement') return alwaysExits(node.body.at(-1));
  if (node.type === 'IfStatement') return alwaysExits(node.consequent) && alwaysExits(node.alternate);
  return isExit(node);
}

/** A catch that lets the loop go round again: it does not always leave. */
function catchRetries(handler: CatchClause | null | undefined, loopTest: ReadonlySet<string> = new Set()): boolean {
  if (!handler || alwaysExits(handler.body)) return false;
  // `catch { hasMore = false }` ends a `while (hasMore)` loop.
  return !someNode(
    handler.body,
    (node) => node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && loopTest.has(node.left.name),
  );
}

function parentsWithin(ancestors: readonly Node[], root: Node): Node[] {
  const index = ancestors.indexOf(root);
  return index < 0 ? [] : ancestors.slice(index);
}

/** The try statements between `root` and a node whose catch sends control round again. */
function insideRetryingTry(ancestors: readonly Node[], node: Node, root: Node): boolean {
  const chain = [...parentsWithin(ancestors, root), node];
  const loopTest = LOOP_TYPES.has(root.type) ? identifiersIn((root as RetryLoopStatement).test) : new Set<string>();
  return chain.some((ancestor, index) => {
    if (ancestor.type !== 'TryStatement') return false;
    return chain[index + 1] === ancestor.block && catchRetries(ancestor.handler, loopTest);
  });
}

function containsOwn(root: Node, test: (node: Node) => boolean): boolean {
  return ownNodes(root).some(test);
}

/** Where the response of `const res = await fetch(…)` (or `res = await fetch(…)`) is named. */
function responseName(ancestors: readonly Node[]): string | null {
  let index = ancestors.length - 1;
  if (ancestors[index]?.type === 'AwaitExpression') index--;
  const holder = ancestors[index];
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name;
  if (holder?.type === 'AssignmentExpression' && holder.left.type === 'Identifier') return holder.left.name;
  return null;
}

const isMemberOf = (node: Node, object: string, property: string) =>
  (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') &&
  node.object.type === 'Identifier' &&
  node.object.name === object &&
  memberName(node) === property;

interface ResponseRetry {
  /** A failed response starts another attempt. */
  retried: boolean;
  /** The code tells answers apart by their status. */
  byStatus: boolean;
  /** 429 is among the answers it retries. */
  retries429: boolean;
}

/** How a loop or function treats a response that is not ok. */
function responseRetry(scope: Node, response: string, repeats: (node: Node, ancestors: readonly Node[]) => boolean): ResponseRetry {
  let retried = false;
  let byStatus = false;
  let mentions429 = false;
  forEachOwnNode(scope, (node, ancestors) => {
    if (node.type === 'NumericLiteral' && node.value === 429) mentions429 = true;
    if (node.type === 'BinaryExpression' && RELATIONAL.has(node.operator)) {
      if (
        [node.left, node.right].some(
          (side) => isMemberOf(side, response, 'status') || (side.type === 'Identifier' && side.name === 'status'),
        )
      )
        byStatus = true;
    }
    if (
      node.type === 'CallExpression' &&
      memberName(node.callee) === 'includes' &&
      node.arguments.some((arg) => isMemberOf(arg, response, 'status'))
    )
      byStatus = true;
    if (node.type === 'ConditionalExpression') {
      const test = node.test;
      if (isMemberOf(test, response, 'ok') && repeats(node.alternate, [...ancestors, node])) retried = true;
      if (
        test.type === 'UnaryExpression' &&
        test.operator === '!' &&
        isMemberOf(test.argument, response, 'ok') &&
        repeats(node.consequent, [...ancestors, node])
      )
        retried = true;
      return;
    }
    if (node.type !== 'IfStatement') return;
    const test = node.test;
    const negatedOk = test.type === 'UnaryExpression' && test.operator === '!' && isMemberOf(test.argument, response, 'ok');
    const okTest = isMemberOf(test, response, 'ok');
    const statusTest = someNode(test, (child) => isMemberOf(child, response, 'status'));
    if (negatedOk || statusTest) {
      if (repeats(node.consequent, [...ancestors, node])) retried = true;
      return;
    }
    if (okTest && alwaysExits(node.consequent) && (!node.alternate || repeats(node.alternate, [...ancestors, node]))) {
      const block = ancestors.at(-1);
      const following =
        block && 'body' in block && Array.isArray(block.body) ? (block.body as Node[]).slice((block.body as Node[]).indexOf(node) + 1) : [];
      const leaves = following.some((statement) => isExit(statement) && !insideRetryingTry(ancestors, statement, scope));
      if (!leaves) retried = true;
    }
  });
  return { retried, byStatus, retries429: retried && (!byStatus || mentions429) };
}

export interface Delay {
  call: CallExpression;
  ms: Node | undefined;
  /** The offsets of the whole wait, `await` included. */
  range: [number, number];
}

/** The waits between attempts: `await sleep(ms)`, `await new Promise((r) => setTimeout(r, ms))`, `await setTimeout(ms)` from timers/promises. */
export function delaysIn(scope: Node): Delay[] {
  const delays: Delay[] = [];
  forEachNode(scope, (node, ancestors) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
    const name = node.callee.name;
    const parent = ancestors.at(-1);
    if (name === 'setTimeout' && node.arguments.length >= 2) {
      const promise = [...ancestors].reverse().find((ancestor): ancestor is NewExpression => ancestor.type === 'NewExpression');
      const promiseIndex = promise ? ancestors.indexOf(promise) : -1;
      const holder = ancestors[promiseIndex - 1];
      if (promise && (holder?.type === 'AwaitExpression' || holder?.type === 'ReturnStatement'))
        delays.push({ call: node, ms: node.arguments[1], range: [holder.start!, holder.end!] });
      return;
    }
    if (parent?.type === 'AwaitExpression' && (DELAY_NAME.test(name) || name === 'setTimeout'))
      delays.push({ call: node, ms: node.arguments[0], range: [parent.start!, parent.end!] });
  });
  return delays;
}

/** The names whose value changes from one attempt to the next. */
function changingNames(scope: Node, extra: Iterable<string> = []): Set<string> {
  const names = new Set(extra);
  forEachNode(scope, (node) => {
    if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') names.add(node.argument.name);
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') names.add(node.left.name);
  });
  return names;
}

/** Whether a delay varies per attempt or is random: follows one `const wait = …` step back. */
function delayShape(ms: Node | undefined, scope: Node, changing: ReadonlySet<string>): 'jitter' | 'growing' | 'fixed' | 'unknown' {
  if (!ms) return 'unknown';
  const expressions: Node[] = [ms];
  for (const name of identifiersIn(ms)) {
    forEachNode(scope, (node) => {
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === name && node.init)
        expressions.push(node.init);
    });
  }
  let shape: 'jitter' | 'growing' | 'fixed' = 'fixed';
  for (const expression of expressions) {
    forEachNode(expression, (node) => {
      if (node.type === 'Identifier' && JITTER.test(node.name)) shape = 'jitter';
      if (shape === 'jitter') return;
      if (node.type === 'Identifier' && changing.has(node.name)) shape = 'growing';
      if (node.type === 'BinaryExpression' && node.operator === '**') shape = 'growing';
      if (node.type === 'CallExpression' && memberName(node.callee) === 'pow') shape = 'growing';
    });
  }
  if (shape === 'fixed' && ms.type !== 'NumericLiteral' && ms.type !== 'Identifier' && ms.type !== 'BinaryExpression') return 'unknown';
  return shape;
}

function delayFaults(scope: Node, changing: ReadonlySet<string>): RetryFault[] {
  const delays = delaysIn(scope);
  if (delays.length === 0) return ['noDelay'];
  const shapes = delays.map((delay) => delayShape(delay.ms, scope, changing));
  return shapes.every((shape) => shape === 'fixed') ? ['fixedDelay'] : [];
}

/** A comparison on a changing name in `test`, the limit of the attempts. */
function comparesChanging(test: Node | null | undefined, changing: ReadonlySet<string>): boolean {
  if (!test) return false;
  return someNode(
    test,
    (node) =>
      (node.type === 'UpdateExpression' && node.argument.type === 'Identifier' && changing.has(node.argument.name)) ||
      (node.type === 'BinaryExpression' &&
        RELATIONAL.has(node.operator) &&
        [...identifiersIn(node.left as Node), ...identifiersIn(node.right)].some((name) => changing.has(name))) ||
      (node.type === 'UnaryExpression' &&
        node.operator === '!' &&
        node.argument.type === 'Identifier' &&
        changing.has(node.argument.name) &&
        /retr|attempt|tries|left|remaining/i.test(node.argument.name)),
  );
}

/** A limit inside the code: `if (attempt >= max) throw e`, `attempt < max ? … : …`, `while (attempts < 3)`. */
function hasLimit(scope: Node, changing: ReadonlySet<string>, loopTest?: Node | null): boolean {
  if (comparesChanging(loopTest, changing)) return true;
  return someNode(scope, (node) => {
    if (node.type === 'IfStatement')
      return comparesChanging(node.test, changing) && (containsExit(node.consequent) || containsExit(node.alternate));
    if (node.type === 'ConditionalExpression' || node.type === 'LogicalExpression')
      return comparesChanging(node.type === 'ConditionalExpression' ? node.test : node.left, changing);
    return false;
  });
}

function containsExit(node: Node | null | undefined): boolean {
  return (
    !!node &&
    containsOwn(node, (child) => child.type === 'ThrowStatement' || child.type === 'ReturnStatement' || child.type === 'BreakStatement')
  );
}

/** A catch that reads the error's status or kind, and so need not retry every error. */
function catchDiscriminates(handler: CatchClause | null | undefined): boolean {
  if (!handler) return false;
  return someNode(
    handler.body,
    (node) =>
      (node.type === 'BinaryExpression' && node.operator === 'instanceof') ||
      (node.type === 'Identifier' && /^(status|statusCode|code|type)$/.test(node.name)) ||
      ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') &&
        /^(status|statusCode|code|type)$/.test(memberName(node) ?? '')),
  );
}

function sdkRetriesOf(attempt: CallExpression, client: SdkClient | null, majors: (packageName: string) => number | null): number {
  if (!client) return 0;
  const sdk = RETRYING_SDKS[client.sdk];
  const perCall = perCallRetries(attempt, client.sdk);
  if (perCall !== undefined) return perCall ?? 0;
  if (client.retries === 'default') return sdk.defaultRetries(majors(sdk.packageName));
  return client.retries ?? 0;
}

function paramNames(fn: FunctionNode | null): Set<string> {
  return new Set(fn ? fn.params.flatMap((param) => boundNames(param)) : []);
}

function functionName(fn: Node, parent: Node | undefined): string | null {
  if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') if (fn.id) return fn.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return null;
}

/**
 * Hand-written retries around `fetch`, an SDK call or a callback, in loops (`for`, `while`, `do`)
 * and in functions that call themselves again when an attempt fails, with what is wrong with each.
 * A loop counts as a retry when a failed attempt (a caught error, or a response that is not ok)
 * starts another one and a successful one leaves the loop.
 */
export function retryLoops(program: Program, majors: (packageName: string) => number | null = () => null): RetryLoop[] {
  const clients = sdkClients(program);
  const found: RetryLoop[] = [];
  const helpers = new Set<string>();
  forEachNode(program, (node, ancestors) => {
    if (LOOP_TYPES.has(node.type)) {
      const loop = loopRetry(node as RetryLoopStatement, ancestors, clients, majors);
      if (loop) found.push(loop);
      const fnIndex = loop?.fn ? ancestors.indexOf(loop.fn) : -1;
      const name = loop?.attemptKind === 'callback' && fnIndex >= 0 ? functionName(loop.fn!, ancestors[fnIndex - 1]) : null;
      if (name) helpers.add(name);
    } else if (isFunctionNode(node)) {
      const recursion = recursiveRetry(node as FunctionNode, ancestors.at(-1), clients, majors);
      if (recursion) found.push(recursion);
      const name = recursion?.attemptKind === 'callback' ? functionName(node, ancestors.at(-1)) : null;
      if (name) helpers.add(name);
    }
  });
  // A helper from the project's own modules named for retrying (`runWithRetries`, `retryOpenAIOperation`) retries what it is given.
  for (const [local, binding] of importedBindings(program))
    if (/^[.~#]|^@\//.test(binding.source) && /retr/i.test(local)) helpers.add(local);
  if (helpers.size > 0) found.push(...helperCalls(program, helpers, clients, majors));
  return found;
}

/** Calls of a retry helper whose callback calls an SDK that retries on its own: `runWithRetries(() => openai.chat.completions.create(…))`. */
function helperCalls(
  program: Program,
  helpers: ReadonlySet<string>,
  clients: ReadonlyMap<string, SdkClient>,
  majors: (packageName: string) => number | null,
): RetryLoop[] {
  const found: RetryLoop[] = [];
  forEachNode(program, (node, ancestors) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || !helpers.has(node.callee.name)) return;
    const callback = node.arguments[0];
    if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return;
    const attempt = firstAttempt(callback.body, clients, new Set());
    if (attempt?.kind !== 'sdk') return;
    const sdkRetries = sdkRetriesOf(attempt.call, attempt.client, majors);
    if (sdkRetries === 0) return;
    found.push({
      kind: 'helper',
      node,
      fn: enclosing(ancestors),
      attempt: attempt.call,
      attemptKind: 'sdk',
      client: attempt.client,
      sdkRetries,
      faults: ['sdkRetriesToo'],
    });
  });
  return found;
}

const enclosing = (ancestors: readonly Node[]) => enclosingFunction(ancestors) as FunctionNode | null;

function firstAttempt(
  scope: Node,
  clients: ReadonlyMap<string, SdkClient>,
  params: ReadonlySet<string>,
): { call: CallExpression; ancestors: readonly Node[]; kind: RetryLoop['attemptKind']; client: SdkClient | null } | null {
  let found: ReturnType<typeof firstAttempt> = null;
  forEachOwnNode(scope, (node, ancestors) => {
    if (found || node.type !== 'CallExpression') return;
    const attempt = attemptOf(node, clients, params);
    if (attempt) found = { call: node, ancestors: [...ancestors], ...attempt };
  });
  return found;
}

function loopRetry(
  loop: RetryLoopStatement,
  ancestors: readonly Node[],
  clients: ReadonlyMap<string, SdkClient>,
  majors: (packageName: string) => number | null,
): RetryLoop | null {
  const fn = enclosing(ancestors);
  const attempt = firstAttempt(loop, clients, paramNames(fn));
  if (!attempt) return null;
  // A loop inside the loop is where the attempt is repeated, if anywhere.
  if (
    attempt.ancestors.some(
      (ancestor) => ancestor !== loop && ANY_LOOP_TYPES.has(ancestor.type) && parentsWithin(attempt.ancestors, loop).includes(ancestor),
    )
  )
    return null;
  const repeats = (node: Node, nodeAncestors: readonly Node[]) =>
    containsOwn(node, (child) => child.type === 'ContinueStatement') ||
    (containsOwn(node, (child) => child.type === 'ThrowStatement') && insideRetryingTry(nodeAncestors, node, loop)) ||
    !containsExit(node);
  const tryStatement = [...parentsWithin(attempt.ancestors, loop)]
    .reverse()
    .find((ancestor): ancestor is TryStatement => ancestor.type === 'TryStatement');
  const caughtRetry = !!tryStatement && insideRetryingTry(attempt.ancestors, attempt.call, loop);
  const response = attempt.kind === 'fetch' ? responseName(attempt.ancestors) : null;
  const byResponse = response ? responseRetry(loop, response, repeats) : null;
  if (!caughtRetry && !byResponse?.retried) return null;
  const leavesOnSuccess =
    containsOwn(loop.body, (node) => node.type === 'ReturnStatement' || node.type === 'BreakStatement') ||
    (loop.test && identifiersIn(loop.test).size > 0);
  if (!leavesOnSuccess) return null;

  const initNames =
    loop.type === 'ForStatement' && loop.init?.type === 'VariableDeclaration'
      ? loop.init.declarations.flatMap((d) => boundNames(d.id))
      : [];
  const changing = changingNames(loop, initNames);
  const constantTest = !loop.test || (loop.test.type === 'BooleanLiteral' && loop.test.value);
  const unbounded = constantTest ? !hasLimit(loop.body, changing) : !hasLimit(loop.body, changing, loop.test);
  return judged('loop', loop, fn, attempt, unbounded, { tryStatement, caughtRetry, byResponse, scope: loop, changing }, majors);
}

type FoundAttempt = NonNullable<ReturnType<typeof firstAttempt>>;

interface AttemptContext {
  tryStatement: TryStatement | undefined;
  caughtRetry: boolean;
  byResponse: ResponseRetry | null;
  /** Where the retry's code is: the loop, or the body of the function that calls itself. */
  scope: Node;
  changing: ReadonlySet<string>;
}

function judged(
  kind: RetryLoop['kind'],
  node: RetryLoop['node'],
  fn: FunctionNode | null,
  attempt: FoundAttempt,
  unbounded: boolean,
  context: AttemptContext,
  majors: (packageName: string) => number | null,
): RetryLoop {
  const sdkRetries = sdkRetriesOf(attempt.call, attempt.client, majors);
  const faults: RetryFault[] = unbounded ? ['unbounded'] : [];
  faults.push(...attemptFaults(attempt.kind, sdkRetries, context.tryStatement, context.caughtRetry, context.byResponse, context.scope));
  faults.push(...delayFaults(context.scope, context.changing));
  return { kind, node, fn, attempt: attempt.call, attemptKind: attempt.kind, client: attempt.client, sdkRetries, faults: ordered(faults) };
}

function attemptFaults(
  kind: RetryLoop['attemptKind'],
  sdkRetries: number,
  tryStatement: TryStatement | undefined,
  caughtRetry: boolean,
  byResponse: ResponseRetry | null,
  scope: Node,
): RetryFault[] {
  const faults: RetryFault[] = [];
  if (kind === 'sdk' && sdkRetries > 0) faults.push('sdkRetriesToo');
  if (kind === 'sdk' && caughtRetry && !catchDiscriminates(tryStatement?.handler)) faults.push('retries4xx');
  if (byResponse?.retried && !byResponse.byStatus) faults.push('retries4xx');
  if (byResponse?.retries429 && !someNode(scope, (node) => node.type === 'StringLiteral' && /^retry-after$/i.test(node.value)))
    faults.push('ignoresRetryAfter');
  return faults;
}

function ordered(faults: RetryFault[]): RetryFault[] {
  return RETRY_FAULTS.filter((fault) => faults.includes(fault));
}

function recursiveRetry(
  fn: FunctionNode,
  parent: Node | undefined,
  clients: ReadonlyMap<string, SdkClient>,
  majors: (packageName: string) => number | null,
): RetryLoop | null {
  const name = functionName(fn, parent);
  if (!name || fn.body.type !== 'BlockStatement') return null;
  const params = paramNames(fn);
  const attempt = firstAttempt(fn.body, clients, params);
  if (!attempt) return null;
  const response = attempt.kind === 'fetch' ? responseName(attempt.ancestors) : null;
  let selfCall: CallExpression | null = null;
  let caughtRetry = false;
  forEachNode(fn.body, (node, ancestors) => {
    if (selfCall || node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== name) return;
    const inCatch = ancestors.some((ancestor) => ancestor.type === 'CatchClause');
    const inCatchCallback = ancestors.some((ancestor) => ancestor.type === 'CallExpression' && memberName(ancestor.callee) === 'catch');
    const onFailedResponse =
      response !== null &&
      ancestors.some(
        (ancestor, index) =>
          ancestor.type === 'IfStatement' &&
          someNode(ancestor.test, (child) => isMemberOf(child, response, 'ok') || isMemberOf(child, response, 'status')) &&
          (ancestor as IfStatement).consequent === ancestors[index + 1] &&
          !isMemberOf(ancestor.test, response, 'ok'),
      );
    if (inCatch || inCatchCallback || onFailedResponse) {
      selfCall = node;
      caughtRetry = inCatch || inCatchCallback;
    }
  });
  if (!selfCall) return null;
  const call: CallExpression = selfCall;
  // A parameter the new call passes on changed (`retries - 1`, `delay * 2`) counts the attempts or grows the wait.
  const passedOn = fn.params.flatMap((param, index) => {
    const argument = call.arguments[index];
    const names = boundNames(param);
    return argument && !(argument.type === 'Identifier' && names.includes(argument.name)) ? names : [];
  });
  const changing = changingNames(fn.body, passedOn);
  const tryStatement = [...attempt.ancestors].reverse().find((ancestor): ancestor is TryStatement => ancestor.type === 'TryStatement');
  // A failed response starts again where the call is made on it, or where it is thrown into a catch that calls again.
  const callsAgain = (node: Node) =>
    someNode(node, (child) => child.type === 'CallExpression' && child.callee.type === 'Identifier' && child.callee.name === name);
  const catchCallsAgain = (ancestors: readonly Node[], node: Node) =>
    [...ancestors, node].some(
      (ancestor, index, chain) =>
        ancestor.type === 'TryStatement' && chain[index + 1] === ancestor.block && !!ancestor.handler && callsAgain(ancestor.handler),
    );
  const byResponse = response
    ? responseRetry(
        fn.body,
        response,
        (node, ancestors) =>
          callsAgain(node) || (containsOwn(node, (child) => child.type === 'ThrowStatement') && catchCallsAgain(ancestors, node)),
      )
    : null;
  const context = { tryStatement, caughtRetry, byResponse, scope: fn.body, changing };
  return judged('recursion', call, fn, attempt, !hasLimit(fn.body, changing), context, majors);
}
