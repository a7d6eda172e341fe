import type { Node, Program } from '@babel/types';
import { propertyName } from '../../engine/ast.ts';
import { envRead } from '../env-reads.ts';
import { bindingOf, type BodyRead } from './body.ts';
import { isFunction, walkAll, walkNodes } from './reach.ts';

export interface VerificationFault {
  /**
   * `parsedBody`: the signature is checked over a parse of the body (`JSON.stringify(await req.json())`),
   * never the bytes that were signed; `bodyParser`: a Pages Router route whose body Next.js parses first;
   * `failureIgnored`: a failed check is caught or tested and processing goes on; `plainComparison`: an
   * HMAC compared with `===` rather than `timingSafeEqual`.
   */
  kind: 'parsedBody' | 'bodyParser' | 'failureIgnored' | 'plainComparison';
  node: Node;
}

export interface Verification {
  /** `stripe`: `constructEvent(Async)`; `svix`: `new Webhook(secret).verify`; `hmac`: `createHmac` and a comparison; `sdk`: another provider SDK's check; `secret`: a header compared with a shared secret (Supabase database webhooks); `helper`: a call named for verifying whose body is in another module. */
  kind: 'stripe' | 'svix' | 'hmac' | 'sdk' | 'secret' | 'helper';
  call: Node;
  /** The expression verified: the body as the check sees it. */
  payload: Node | null;
  /** The binding that holds the verified event. */
  event: string | null;
  faults: VerificationFault[];
}

const HELPER_NAME =
  /^(verify|validate|check|isValid|assertValid)\w*(Signature|Webhook|Hmac|Sig|Event|Request)\w*$|(verify|validate)\w*(Signature|Webhook)/i;
const SDK_METHODS = new Set(['unmarshal', 'verifyAndReceive', 'isSignatureValid', 'validateEvent', 'verifyWebhook']);

function calleeName(call: Node): string | null {
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return null;
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return null;
}

function receiverOf(call: Node): Node | null {
  return call.type === 'CallExpression' && call.callee.type === 'MemberExpression' ? call.callee.object : null;
}

function isWebhookConstruction(node: Node | null | undefined): boolean {
  return node?.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Webhook';
}

/** The initialiser of each name declared in the code, through `await` and `as`. */
function declarations(code: readonly Node[]): Map<string, Node> {
  const found = new Map<string, Node>();
  walkAll(code, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) found.set(node.id.name, unwrap(node.init));
  });
  return found;
}

function unwrap(node: Node): Node {
  let current = node;
  while (
    ['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(current.type)
  )
    current = (current as { argument?: Node; expression?: Node }).argument ?? (current as { expression: Node }).expression;
  return current;
}

function contains(root: Node, test: (node: Node) => boolean): boolean {
  let found = false;
  walkNodes(root, (node) => {
    if (!found && test(node)) found = true;
  });
  return found;
}

/** `export const config = { api: { bodyParser: false } }`. */
export function bodyParserDisabled(program: Program): boolean {
  return program.body.some((statement) => {
    if (statement.type !== 'ExportNamedDeclaration' || statement.declaration?.type !== 'VariableDeclaration') return false;
    return statement.declaration.declarations.some(
      (declarator) =>
        declarator.id.type === 'Identifier' &&
        declarator.id.name === 'config' &&
        declarator.init !== null &&
        declarator.init !== undefined &&
        contains(
          declarator.init,
          (node) =>
            node.type === 'ObjectProperty' &&
            propertyName(node) === 'bodyParser' &&
            node.value.type === 'BooleanLiteral' &&
            !node.value.value,
        ),
    );
  });
}

interface Candidate {
  kind: Verification['kind'];
  call: Node;
  payload: Node | null;
  ancestors: Node[];
}

function candidatesIn(code: readonly Node[], declared: ReadonlyMap<string, Node>): Candidate[] {
  const found: Candidate[] = [];
  walkAll(code, (node, ancestors) => {
    if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator)) {
      const sides = [node.left, node.right as Node];
      if (sides.some(readsHeader) && sides.some((side) => readsSecret(side, declared)))
        found.push({ kind: 'secret', call: node, payload: null, ancestors: [...ancestors] });
      return;
    }
    if (node.type !== 'CallExpression') return;
    const name = calleeName(node);
    if (!name) return;
    const receiver = receiverOf(node);
    const first = (node.arguments[0] as Node | undefined) ?? null;
    const add = (kind: Candidate['kind'], payload: Node | null) => found.push({ kind, call: node, payload, ancestors: [...ancestors] });
    if (name === 'constructEvent' || name === 'constructEventAsync') return add('stripe', first);
    if (name === 'verify' && receiver) {
      const target = receiver.type === 'Identifier' ? declared.get(receiver.name) : receiver;
      if (isWebhookConstruction(target)) return add('svix', first);
      if (propertyIs(receiver, 'subtle')) return add('hmac', (node.arguments[3] as Node | undefined) ?? null);
      const receiverName =
        receiver.type === 'Identifier'
          ? receiver.name
          : receiver.type === 'MemberExpression' && receiver.property.type === 'Identifier'
            ? receiver.property.name
            : '';
      if (/webhooks?$/i.test(receiverName)) return add('sdk', first);
    }
    if (SDK_METHODS.has(name)) return add('sdk', name === 'verifyWebhook' ? null : first);
    if (name === 'createHmac') return add('hmac', hmacInput(node, ancestors, code));
    if (HELPER_NAME.test(name)) add('helper', first);
  });
  return found;
}

function readsHeader(node: Node): boolean {
  return contains(
    node,
    (inner) =>
      (inner.type === 'CallExpression' &&
        calleeName(inner) === 'get' &&
        contains(inner.callee, (part) => part.type === 'Identifier' && /headers/i.test(part.name))) ||
      (inner.type === 'MemberExpression' && propertyIs(inner, 'headers')),
  );
}

function readsSecret(node: Node, declared: ReadonlyMap<string, Node>): boolean {
  const value = unwrap(node);
  if (value.type === 'Identifier') {
    const init = declared.get(value.name);
    return init !== undefined && readsSecret(init, new Map());
  }
  return contains(value, (inner) => envRead(inner) !== null);
}

/** What an HMAC is computed over: `createHmac(…).update(x)`, or `hmac.update(x)` on its binding. */
function hmacInput(create: Node, ancestors: readonly Node[], code: readonly Node[]): Node | null {
  const parent = ancestors.at(-1);
  const grandparent = ancestors.at(-2);
  if (parent?.type === 'MemberExpression' && propertyIs(parent, 'update') && grandparent?.type === 'CallExpression')
    return (grandparent.arguments[0] as Node | undefined) ?? null;
  const name = bindingOf(create, ancestors);
  let input: Node | null = null;
  if (name)
    walkAll(code, (node) => {
      if (input || node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
      if (propertyIs(node.callee, 'update') && node.callee.object.type === 'Identifier' && node.callee.object.name === name)
        input = (node.arguments[0] as Node | undefined) ?? null;
    });
  return input;
}

function propertyIs(node: Node, name: string): boolean {
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === name;
}

const ORDER: ReadonlyArray<Verification['kind']> = ['stripe', 'svix', 'sdk', 'hmac', 'secret', 'helper'];

/** The handler's signature check, if it has one, with what keeps it from working. */
export function verificationOf(
  code: readonly Node[],
  program: Program,
  bodies: readonly BodyRead[],
  pagesRouter: boolean,
): Verification | null {
  const declared = declarations(code);
  const candidates = candidatesIn(code, declared);
  const chosen = ORDER.map((kind) => candidates.find((candidate) => candidate.kind === kind)).find(Boolean);
  if (!chosen) return null;
  const faults: VerificationFault[] = [];
  const parserOn = pagesRouter && !bodyParserDisabled(program);
  if (parserOn && chosen.kind !== 'helper' && chosen.kind !== 'secret') faults.push({ kind: 'bodyParser', node: chosen.call });
  else if (chosen.payload && isParsed(chosen.payload, declared, bodies)) faults.push({ kind: 'parsedBody', node: chosen.payload });
  if (chosen.kind === 'hmac') faults.push(...comparisonFaults(code, declared));
  else if (chosen.kind === 'secret') {
    const negative = (chosen.call as { operator?: string }).operator?.startsWith('!') ?? false;
    if (guardedBranch(chosen.call, chosen.ancestors, negative) === 'ignored') faults.push({ kind: 'failureIgnored', node: chosen.call });
  } else {
    const ignored = ignoredFailure(chosen.ancestors);
    if (ignored) faults.push({ kind: 'failureIgnored', node: ignored });
  }
  const event = chosen.kind === 'hmac' ? parsedEvent(code) : bindingOf(chosen.call, chosen.ancestors);
  return { kind: chosen.kind, call: chosen.call, payload: chosen.payload, event, faults };
}

/** Whether the verified expression is a parse of the body rather than its bytes. */
function isParsed(payload: Node, declared: ReadonlyMap<string, Node>, bodies: readonly BodyRead[]): boolean {
  const value = unwrap(payload);
  if (value.type === 'Identifier') {
    if (bodies.some((body) => body.binding === value.name && ['json', 'form', 'parsed'].includes(body.kind))) return true;
    const init = declared.get(value.name);
    return init !== undefined && init !== value && isStringified(init);
  }
  if (bodies.some((body) => body.node === value && body.kind === 'parsed')) return true;
  return isStringified(value);
}

function isStringified(node: Node): boolean {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.object.type === 'Identifier' &&
    node.callee.object.name === 'JSON' &&
    propertyIs(node.callee, 'stringify')
  );
}

/** Statements that end the handler's work: a return, a throw, or a response sent (`res.status(400).send()`). */
function stops(block: Node): boolean {
  let stopped = false;
  walkNodes(block, (node, ancestors) => {
    if (stopped || ancestors.some(isFunction)) return;
    if (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') stopped = true;
    if (node.type === 'CallExpression' && ['status', 'send', 'end', 'json', 'redirect'].includes(calleeName(node) ?? '')) stopped = true;
  });
  return stopped;
}

/** The catch clause that swallows a failed verification: the check sits in its `try`, and the catch goes on. */
function ignoredFailure(ancestors: readonly Node[]): Node | null {
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const node = ancestors[index]!;
    if (isFunction(node)) return null;
    if (node.type === 'TryStatement' && ancestors[index + 1] === node.block && node.handler)
      return stops(node.handler.body) ? null : node.handler;
  }
  return null;
}

function isDigest(node: Node, declared: ReadonlyMap<string, Node>): boolean {
  const value = unwrap(node);
  const digestCall = (root: Node) =>
    contains(root, (inner) => inner.type === 'CallExpression' && (calleeName(inner) === 'digest' || calleeName(inner) === 'createHmac'));
  if (value.type === 'Identifier') {
    const init = declared.get(value.name);
    return init !== undefined && digestCall(init);
  }
  return value.type === 'CallExpression' && digestCall(value);
}

/** An HMAC compared with `===`, and a mismatch that does not stop the handler. */
function comparisonFaults(code: readonly Node[], declared: ReadonlyMap<string, Node>): VerificationFault[] {
  const faults: VerificationFault[] = [];
  let safe = false;
  const tests: Array<{ node: Node; ancestors: Node[]; negative: boolean }> = [];
  walkAll(code, (node, ancestors) => {
    if (node.type === 'CallExpression' && calleeName(node) === 'timingSafeEqual') {
      safe = true;
      const parent = ancestors.at(-1);
      tests.push({ node, ancestors: [...ancestors], negative: parent?.type === 'UnaryExpression' && parent.operator === '!' });
    }
    if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator)) {
      if (!isDigest(node.left, declared) && !isDigest(node.right as Node, declared)) return;
      faults.push({ kind: 'plainComparison', node });
      tests.push({ node, ancestors: [...ancestors], negative: node.operator === '!==' || node.operator === '!=' });
    }
  });
  if (safe) faults.splice(0, faults.length);
  for (const test of tests) {
    const branch = guardedBranch(test.node, test.ancestors, test.negative);
    if (branch === 'ignored') faults.push({ kind: 'failureIgnored', node: test.node });
  }
  return faults;
}

/** Whether the `if` that tests a comparison stops on a mismatch; `unknown` when no `if` tests it where it stands. */
function guardedBranch(test: Node, ancestors: readonly Node[], negative: boolean): 'stops' | 'ignored' | 'unknown' {
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const node = ancestors[index]!;
    if (isFunction(node)) return 'unknown';
    if (node.type === 'IfStatement' && (ancestors[index + 1] === node.test || node.test === test)) {
      if (!negative) return 'stops';
      return stops(node.consequent) ? 'stops' : 'ignored';
    }
    if (node.type !== 'LogicalExpression' && node.type !== 'UnaryExpression' && node.type !== 'ParenthesizedExpression') return 'unknown';
  }
  return 'unknown';
}

/** `JSON.parse(raw)` after an HMAC check: the event's binding. */
function parsedEvent(code: readonly Node[]): string | null {
  let name: string | null = null;
  walkAll(code, (node, ancestors) => {
    if (name || node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
    if (node.callee.object.type === 'Identifier' && node.callee.object.name === 'JSON' && propertyIs(node.callee, 'parse'))
      name = bindingOf(node, ancestors);
  });
  return name;
}
