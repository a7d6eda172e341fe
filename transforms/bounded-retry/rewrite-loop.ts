import type { BlockStatement, CallExpression, Node, Program, Statement, TryStatement } from '@babel/types';
import type { TextEdits } from '../../src/engine/codemod.ts';
import { forEachNode } from '../../src/engine/walk.ts';
import { isLoggingCall, someNode } from '../../src/analysis/error-handling.ts';
import { boundNames } from '../../src/analysis/request-handlers.ts';
import { delaysIn, identifiersIn, rootName, type RetryLoop, type RetryLoopStatement } from '../../src/analysis/retry-loops.ts';

export type Rewrite =
  | { kind: 'withRetry' }
  /** The plain call, and the edit that sets the client's own retries (null when they need none). */
  | { kind: 'sdk'; clientEdit: { file: string; start: number; end: number; text: string } | null };

const NESTED_TARGETS = new Set([
  'ForStatement',
  'WhileStatement',
  'DoWhileStatement',
  'ForOfStatement',
  'ForInStatement',
  'SwitchStatement',
]);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);
const HARMLESS_CALLEE = /^(Math|JSON|Date|String|Number|Object|Array)$/;

function parentOf(program: Program, target: Node): { parent: Node; ancestors: Node[] } | null {
  let found: { parent: Node; ancestors: Node[] } | null = null;
  forEachNode(program, (node, ancestors) => {
    if (node === target) found = { parent: ancestors.at(-1)!, ancestors: [...ancestors] };
  });
  return found;
}

/** A `break` or `continue` in `root` that would leave or restart the loop being removed. */
function jumpsOutOf(root: Node): boolean {
  let jumps = false;
  forEachNode(root, (node, ancestors) => {
    if (node.type !== 'BreakStatement' && node.type !== 'ContinueStatement') return;
    if (node.label) jumps = true;
    const inner = ancestors.some((ancestor) => FUNCTIONS.has(ancestor.type) || NESTED_TARGETS.has(ancestor.type));
    if (!inner && !(node.type === 'BreakStatement' && ancestors.some((ancestor) => ancestor.type === 'SwitchStatement'))) jumps = true;
  });
  return jumps;
}

/** Code that only counts, logs, waits or decides to stop: what the loop around the attempt does for the retry. */
function onlyBookkeeping(node: Node, delayRanges: ReadonlyArray<[number, number]>, retryCall: (call: Node) => boolean): boolean {
  return !someNode(node, (child) => {
    if (retryCall(child) || (child.type === 'AwaitExpression' && retryCall(child.argument))) return false;
    if (delayRanges.some(([start, end]) => child.start! >= start && child.end! <= end)) return false;
    if (child.type === 'CallExpression' || child.type === 'NewExpression' || child.type === 'OptionalCallExpression') {
      if (isLoggingCall(child)) return false;
      return !HARMLESS_CALLEE.test(rootName(child.callee as Node) ?? '') && !isInsideLogging(node, child);
    }
    return child.type === 'AwaitExpression' && !delayRanges.some(([start, end]) => child.start! >= start && child.end! <= end);
  });
}

function isInsideLogging(root: Node, target: Node): boolean {
  let inside = false;
  forEachNode(root, (node, ancestors) => {
    if (node === target) inside = ancestors.some((ancestor) => isLoggingCall(ancestor));
  });
  return inside;
}

/** The names a block declares at its own level. */
function declaredNames(statements: readonly Node[]): string[] {
  return statements.flatMap((statement) => {
    if (statement.type === 'VariableDeclaration') return statement.declarations.flatMap((declarator) => boundNames(declarator.id));
    if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id) return [statement.id.name];
    return [];
  });
}

/** Removes the common leading indentation `extra` from each line of a slice that starts mid-line. */
function dedent(text: string, extra: string): string {
  if (!extra) return text;
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(extra) ? line.slice(extra.length) : line))
    .join('\n');
}

interface RetryShape {
  /** What is replaced: the loop, or the `try` whose catch calls the function again. */
  statement: Statement;
  attemptTry: TryStatement;
  /** The loop body's statements beside the `try`: counting, logging, waiting. */
  bookkeeping: Statement[];
  siblings: Statement[];
  /** The names that count attempts or carry them to the next call, which the kept code must not read. */
  attemptNames: Set<string>;
  /** A call the catch may make besides logging and waiting: the function calling itself again. */
  retryCall: (call: Node) => boolean;
}

/** The try of a loop: the loop body is the try and its bookkeeping. */
function loopShape(loop: RetryLoop, program: Program): RetryShape | null {
  const statement = loop.node as RetryLoopStatement;
  const located = parentOf(program, statement);
  if (!located || statement.body.type !== 'BlockStatement') return null;
  const parent = located.parent;
  if (parent.type !== 'BlockStatement' && parent.type !== 'Program') return null;
  const body = statement.body.body;
  const tries = body.filter((node): node is TryStatement => node.type === 'TryStatement');
  if (tries.length !== 1) return null;
  const bookkeeping = body.filter((node) => node !== tries[0]);
  const attemptNames = new Set([
    ...(statement.type === 'ForStatement' && statement.init ? identifiersIn(statement.init) : []),
    ...declaredNames(bookkeeping),
  ]);
  forEachNode(statement, (node) => {
    if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') attemptNames.add(node.argument.name);
    if (node.type === 'AssignmentExpression' && node.operator !== '=' && node.left.type === 'Identifier') attemptNames.add(node.left.name);
  });
  const siblings = (parent as BlockStatement | Program).body as Statement[];
  return { statement, attemptTry: tries[0]!, bookkeeping, siblings, attemptNames, retryCall: () => false };
}

/** The try of a function that calls itself again from its catch: a statement of the function's own body. */
function recursionShape(loop: RetryLoop): RetryShape | null {
  const selfCall = loop.node as CallExpression;
  const fn = loop.fn;
  if (!fn || fn.body.type !== 'BlockStatement' || selfCall.callee.type !== 'Identifier') return null;
  const name = selfCall.callee.name;
  const siblings = fn.body.body;
  const attemptTry = siblings.find(
    (statement): statement is TryStatement =>
      statement.type === 'TryStatement' &&
      !!statement.handler &&
      statement.handler.start! <= selfCall.start! &&
      selfCall.end! <= statement.handler.end!,
  );
  if (!attemptTry) return null;
  // The parameters the new call passes on changed (`retries - 1`) count the attempts.
  const attemptNames = new Set(
    fn.params.flatMap((param, index) => {
      const argument = selfCall.arguments[index];
      const names = boundNames(param);
      return argument && !(argument.type === 'Identifier' && names.includes(argument.name)) ? names : [];
    }),
  );
  const retryCall = (call: Node) => call.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === name;
  return { statement: attemptTry, attemptTry, bookkeeping: [], siblings, attemptNames, retryCall };
}

/**
 * Replaces a retry whose attempt is the first statement of a `try`: `const res = await fetch(…)`
 * (or `return await …`, `res = await …`, `await …`), followed by the rest of the `try`. A loop's
 * counting, logging, waiting and catch go, as does the catch of a function that calls itself again;
 * what the `try` did after the attempt stays. A retry of any other shape is left alone (false).
 */
export function rewriteLoop(loop: RetryLoop, program: Program, source: string, edits: TextEdits, rewrite: Rewrite): boolean {
  const shape = loop.kind === 'loop' ? loopShape(loop, program) : loop.kind === 'recursion' ? recursionShape(loop) : null;
  if (!shape || shape.attemptTry.finalizer) return false;
  const { statement, attemptTry, bookkeeping, siblings, attemptNames: loopNames, retryCall } = shape;
  const [first, ...rest] = attemptTry.block.body;
  if (!first || !holdsAttempt(first, loop)) return false;

  const delayRanges = delaysIn(statement).map((delay) => delay.range);
  if (!bookkeeping.every((node) => onlyBookkeeping(node, delayRanges, retryCall))) return false;
  if (attemptTry.handler && !onlyBookkeeping(attemptTry.handler.body, delayRanges, retryCall)) return false;
  if (rest.some(jumpsOutOf) || jumpsOutOf(first)) return false;

  const kept = [first, ...rest];
  const used = identifiersIn(...kept);
  if ([...loopNames].some((name) => used.has(name))) return false;
  const outside = declaredNames(siblings.filter((sibling) => sibling !== statement));
  const fnParams = loop.fn ? loop.fn.params.flatMap((param) => boundNames(param)) : [];
  const movedNames = declaredNames(kept);
  if (movedNames.some((name) => outside.includes(name) || fnParams.includes(name))) return false;

  const call = source.slice(loop.attempt.start!, loop.attempt.end!);
  const replacement = rewrite.kind === 'withRetry' ? `withRetry(() => ${call})` : call;
  const firstText = source.slice(first.start!, loop.attempt.start!) + replacement + source.slice(loop.attempt.end!, first.end!);
  const indent = edits.indentAt(statement.start!);
  const unit = edits.indentAt(first.start!).slice(edits.indentAt(attemptTry.start!).length);
  const extra = edits.indentAt(first.start!).slice(indent.length);
  // The kept statements as written, blank lines and comments between them included.
  const keptText = firstText + source.slice(first.end!, (rest.at(-1) ?? first).end!);
  const keptLines = [dedent(keptText, extra)];

  const index = siblings.indexOf(statement);
  const after = siblings.slice(index + 1);
  const leaves = alwaysLeaves(kept.at(-1));
  const onlyThrows = after.every((node) => node.type === 'ThrowStatement' || isLoggingStatement(node));
  const assignedInLoop = new Set(loopNames);
  forEachNode(statement, (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') assignedInLoop.add(node.left.name);
  });
  if (onlyThrows) {
    // What ran once every attempt had failed is what withRetry does itself: it throws the last error.
    edits.replace(statement.start!, statement.end!, keptLines.join(`\n${indent}`));
    const dropped = leaves && after.length > 0 ? after : [];
    if (dropped.length > 0) edits.replace(statement.end!, dropped.at(-1)!.end!, '');
    removeUnread(
      siblings,
      statement,
      [...kept, ...siblings.filter((node) => node !== statement && !dropped.includes(node))],
      edits,
      source,
      loopNames,
    );
    return true;
  }
  // A fallback answer after the loop (`return Response.json({ error }, { status: 503 })`) is kept for
  // when the last attempt fails too: the kept code goes in a try, the fallback in its catch.
  const fallback = after.every((node) => node.type === 'ReturnStatement' || node.type === 'ThrowStatement' || isLoggingStatement(node));
  if (!leaves || !fallback || !attemptTry.handler || [...identifiersIn(...after)].some((name) => assignedInLoop.has(name))) return false;
  const param = attemptTry.handler.param;
  const logs = attemptTry.handler.body.body.filter(
    (node) => isLoggingStatement(node) && ![...identifiersIn(node)].some((name) => loopNames.has(name)),
  );
  const paramText = param && logs.length > 0 ? ` (${source.slice(param.start!, param.end!)})` : '';
  const moved = [
    ...logs.map((node) => dedent(source.slice(node.start!, node.end!), unit)),
    ...after.map((node) => reindentBy(source.slice(node.start!, node.end!), unit)),
  ];
  const text = [
    'try {',
    ...keptLines.map((line) => `${unit}${line.replace(/\n(?=[^\r\n])/g, `\n${unit}`)}`),
    `}${source.slice(attemptTry.block.end!, attemptTry.handler.start!).includes('\n') ? `\n${indent}` : ' '}catch${paramText} {`,
    ...moved.map((line) => `${unit}${line}`),
    '}',
  ].join(`\n${indent}`);
  edits.replace(statement.start!, after.at(-1)!.end!, text);
  removeUnread(siblings, statement, [...kept, ...siblings.filter((node) => node !== statement)], edits, source, loopNames);
  return true;
}

function reindentBy(text: string, unit: string): string {
  return text.replace(/\n/g, `\n${unit}`);
}

const alwaysLeaves = (node: Node | undefined): boolean =>
  !!node &&
  (node.type === 'ReturnStatement' ||
    node.type === 'ThrowStatement' ||
    (node.type === 'IfStatement' && alwaysLeaves(lastOf(node.consequent)) && alwaysLeaves(lastOf(node.alternate ?? undefined))));

function holdsAttempt(first: Node, loop: RetryLoop): boolean {
  const attempt = loop.attempt;
  const awaited = (node: Node | null | undefined) => node === attempt || (node?.type === 'AwaitExpression' && node.argument === attempt);
  if (first.type === 'VariableDeclaration') return first.declarations.length === 1 && awaited(first.declarations[0]!.init);
  if (first.type === 'ReturnStatement') return awaited(first.argument);
  if (first.type === 'ExpressionStatement') {
    const expression = first.expression;
    if (expression.type === 'AssignmentExpression') return expression.operator === '=' && awaited(expression.right);
    return expression.type === 'AwaitExpression' && expression.argument === attempt;
  }
  return false;
}

/** Declarations before the loop of the counters and last error it kept, which nothing reads once it is gone. */
function removeUnread(siblings: Statement[], loop: Node, readers: Node[], edits: TextEdits, source: string, loopNames: Set<string>): void {
  const index = siblings.indexOf(loop as Statement);
  const inLoop = identifiersIn(...[loop]);
  for (const sibling of siblings.slice(0, index)) {
    if (sibling.type !== 'VariableDeclaration' || sibling.declarations.some((d) => d.id.type !== 'Identifier')) continue;
    const remaining = identifiersIn(...readers.filter((node) => node !== sibling));
    const names = sibling.declarations.map((d) => (d.id as { name: string }).name);
    const simple = sibling.declarations.every(
      (d) => !d.init || ['NumericLiteral', 'NullLiteral', 'BooleanLiteral', 'StringLiteral', 'Identifier'].includes(d.init.type),
    );
    if (!simple || names.some((name) => remaining.has(name))) continue;
    if (!names.some((name) => loopNames.has(name) || inLoop.has(name))) continue;
    const start = edits.lineStart(sibling.start!);
    const lineEnd = source.indexOf('\n', sibling.end!);
    let end = lineEnd < 0 ? sibling.end! : lineEnd + 1;
    // A blank line that followed the declaration at the top of a block would be left first in it.
    const blank = /^[ \t]*\r?\n/.exec(source.slice(end));
    if (blank && /\{\s*$/.test(source.slice(0, start))) end += blank[0].length;
    edits.replace(start, end, '');
  }
}

function lastOf(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  return node.type === 'BlockStatement' ? node.body.at(-1) : node;
}

function isLoggingStatement(node: Node): boolean {
  return node.type === 'ExpressionStatement' && isLoggingCall(node.expression);
}
