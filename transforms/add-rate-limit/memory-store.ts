import type { BinaryExpression, Expression, Function as BabelFunction, Node, Program, Statement } from '@babel/types';
import { forEachNode } from '../../src/engine/walk.ts';
import { enclosingFunction, isPropertyAfterDot, memberName } from '../../src/engine/ast.ts';

/** A limit and a window read from the code of an in-memory limiter, as numbers and as the code writes them. */
export interface LimiterSettings {
  limit: number;
  windowSeconds: number;
  /** `RATE_LIMIT`, `RATE_LIMIT + 1`, `5`. */
  limitText: string;
  /** `RATE_WINDOW_MS / 1000`, `60`. */
  windowText: string;
}

/** How the limiter the store backs can be replaced by the shared one. */
export type StoreReplacement =
  | {
      kind: 'helper';
      fn: BabelFunction & { id?: { name: string } | null };
      /** The helper's boolean answer means "refused" (`isRateLimited`) rather than "allowed" (`checkRateLimit`). */
      trueMeansRefused: boolean;
      keyText: string;
      /** The helper's own statements that compute the key (`const ip = …`), kept above the call. */
      keyStatements: Statement[];
      settings: LimiterSettings;
      /** Module-level statements that only clean the store up (`setInterval(() => { … store.delete … })`). */
      cleanups: Statement[];
    }
  | {
      kind: 'inline';
      fn: BabelFunction;
      /** The handler's top-level statements that count in the store, first to last. */
      statements: Statement[];
      /** What the handler does when the count is over: the `if`'s consequent, kept as written. */
      refusal: Statement;
      keyText: string;
      settings: LimiterSettings;
      cleanups: Statement[];
    };

const isFunction = (node: Node): node is BabelFunction =>
  node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';

/**
 * The module-level `const` declarations, by name: unlike `moduleConstants` (imported-bindings), no
 * function-local or `let` binding, so a limit or window read from one cannot change while the app runs.
 */
export function topLevelConstants(program: Program): Map<string, Expression> {
  const constants = new Map<string, Expression>();
  for (const statement of program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration'
        ? statement.declaration
        : statement;
    if (declaration.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations)
      if (declarator.id.type === 'Identifier' && declarator.init) constants.set(declarator.id.name, declarator.init);
  }
  return constants;
}

/** The value of a constant arithmetic expression (`60 * 60 * 1000`, `WINDOW_MS`), or null. */
export function evaluate(node: Node, constants: ReadonlyMap<string, Expression>, depth = 0): number | null {
  if (depth > 8) return null;
  switch (node.type) {
    case 'NumericLiteral':
      return node.value;
    case 'Identifier': {
      const init = constants.get(node.name);
      return init ? evaluate(init, constants, depth + 1) : null;
    }
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
      return evaluate(node.expression, constants, depth + 1);
    case 'BinaryExpression': {
      const left = node.left.type === 'PrivateName' ? null : evaluate(node.left, constants, depth + 1);
      const right = evaluate(node.right, constants, depth + 1);
      if (left === null || right === null) return null;
      if (node.operator === '*') return left * right;
      if (node.operator === '+') return left + right;
      if (node.operator === '-') return left - right;
      if (node.operator === '/') return right === 0 ? null : left / right;
      return null;
    }
    default:
      return null;
  }
}

const COUNT_MEMBER = /^(count|hits|attempts|requests|requestCount|calls|length|total)$/;

/** Whether an expression is what the limiter counts: `entry.count`, `recent.length`, `hits`. */
function isCount(node: Node, countNames: ReadonlySet<string>): boolean {
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') return COUNT_MEMBER.test(memberName(node) ?? '');
  return node.type === 'Identifier' && countNames.has(node.name);
}

interface Comparison {
  node: BinaryExpression;
  /** Requests over the count refuse when `count > bound` (`>`), or `count >= bound` (`>=`). */
  refusesAbove: '>' | '>=';
  /** The comparison is true when the request is refused. */
  trueMeansRefused: boolean;
  bound: Expression;
}

/** `count >= MAX`, `MAX < count`, `count <= MAX`: the comparison of the count with a constant bound. */
function comparisonOf(
  node: BinaryExpression,
  countNames: ReadonlySet<string>,
  constants: ReadonlyMap<string, Expression>,
): Comparison | null {
  if (node.left.type === 'PrivateName') return null;
  const flip: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' };
  let operator = node.operator as string;
  let bound: Expression;
  if (isCount(node.left, countNames) && evaluate(node.right, constants) !== null) bound = node.right;
  else if (isCount(node.right, countNames) && evaluate(node.left, constants) !== null) {
    bound = node.left;
    operator = flip[operator] ?? '';
  } else return null;
  if (operator === '>' || operator === '>=') return { node, refusesAbove: operator, trueMeansRefused: true, bound };
  if (operator === '<') return { node, refusesAbove: '>=', trueMeansRefused: false, bound };
  if (operator === '<=') return { node, refusesAbove: '>', trueMeansRefused: false, bound };
  return null;
}

/** The window in milliseconds: a number added to now (`now + WINDOW_MS`) or compared with an age (`now - t < WINDOW_MS`). */
function windowOf(fn: Node, text: string, constants: ReadonlyMap<string, Expression>): Expression | null {
  let found: Expression | null = null;
  const isNow = (node: Node) =>
    (node.type === 'Identifier' && /^(now|currentTime|timestamp)$/.test(node.name)) ||
    (node.type === 'CallExpression' && text.slice(node.start!, node.end!) === 'Date.now()');
  forEachNode(fn, (node) => {
    if (found || node.type !== 'BinaryExpression' || node.left.type === 'PrivateName') return;
    if (node.operator === '+' && isNow(node.left) && evaluate(node.right, constants) !== null) found = node.right;
    if (['>', '>=', '<', '<='].includes(node.operator)) {
      const [age, other] = [node.left, node.right];
      if (age.type === 'BinaryExpression' && age.operator === '-' && isNow(age.left) && evaluate(other, constants) !== null) found = other;
      if (other.type === 'BinaryExpression' && other.operator === '-' && isNow(other.left) && evaluate(age, constants) !== null)
        found = age;
    }
  });
  return found;
}

/** Whether the count grows before the comparison reads it (`entry.count++` above `entry.count > MAX`). */
function countsBefore(fn: Node, comparison: BinaryExpression, countNames: ReadonlySet<string>): boolean {
  let before = false;
  forEachNode(fn, (node) => {
    if ((node.start ?? 0) >= comparison.start!) return;
    if (node.type === 'UpdateExpression' && isCount(node.argument, countNames)) before = true;
    if (node.type === 'AssignmentExpression' && node.operator === '+=' && isCount(node.left, countNames)) before = true;
    if (node.type === 'CallExpression' && memberName(node.callee) === 'push') before = true;
  });
  return before;
}

/** The limit and window, or null where the code does not say them plainly. */
function settingsOf(
  fn: Node,
  comparison: Comparison,
  text: string,
  constants: ReadonlyMap<string, Expression>,
  countNames: ReadonlySet<string>,
): LimiterSettings | null {
  const bound = evaluate(comparison.bound, constants)!;
  const windowNode = windowOf(fn, text, constants);
  const windowMs = windowNode ? evaluate(windowNode, constants) : null;
  if (windowMs === null || windowMs < 1000 || windowMs % 1000 !== 0 || !Number.isInteger(bound)) return null;
  // Refusing `count > N` lets N requests through once the count includes this one, N + 1 when it does not yet.
  const grown = countsBefore(fn, comparison.node, countNames);
  const offset = comparison.refusesAbove === '>' ? (grown ? 0 : 1) : grown ? -1 : 0;
  const limit = bound + offset;
  if (limit < 1) return null;
  const boundText = text.slice(comparison.bound.start!, comparison.bound.end!);
  const limitText = offset === 0 ? boundText : `${boundText} ${offset > 0 ? '+' : '-'} ${Math.abs(offset)}`;
  const windowCode = text.slice(windowNode!.start!, windowNode!.end!);
  const windowText = windowNode!.type === 'Identifier' ? `${windowCode} / 1000` : String(windowMs / 1000);
  return { limit, windowSeconds: windowMs / 1000, limitText, windowText };
}

/** The names that hold the count read from the store: `hits` in `const hits = store.get(ip) ?? 0`. */
function countNamesIn(fn: Node, store: string): Set<string> {
  const names = new Set<string>();
  forEachNode(fn, (node) => {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init) return;
    let reads = false;
    forEachNode(node.init, (inner) => {
      if (inner.type === 'Identifier' && inner.name === store) reads = true;
    });
    if (reads && /^(hits|count|attempts|requests|calls)$/i.test(node.id.name)) names.add(node.id.name);
  });
  return names;
}

/** Every reference to the store, with the function around it (null at module level). */
function referencesOf(program: Program, store: string): Array<{ node: Node; fn: Node | null; topLevel: Statement }> {
  const found: Array<{ node: Node; fn: Node | null; topLevel: Statement }> = [];
  for (const statement of program.body) {
    forEachNode(statement, (node, ancestors) => {
      if (node.type !== 'Identifier' || node.name !== store) return;
      const parent = ancestors.at(-1);
      if (parent?.type === 'VariableDeclarator' && parent.id === node) return;
      if (isPropertyAfterDot(node, parent)) return;
      found.push({ node, fn: enclosingFunction(ancestors), topLevel: statement });
    });
  }
  return found;
}

/** `setInterval(() => { … store.delete(…) … }, ms)` at module level, with or without `.unref()`. */
function isCleanup(statement: Statement): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  let call = statement.expression;
  if (call.type === 'CallExpression' && memberName(call.callee) === 'unref' && call.callee.type === 'MemberExpression')
    call = call.callee.object;
  return call.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'setInterval';
}

/** The first `store.get(key)` in a function, with the key as written. */
function keyOf(fn: Node, store: string, text: string): string | null {
  let key: string | null = null;
  forEachNode(fn, (node) => {
    if (key !== null || node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
    if (node.callee.object.type !== 'Identifier' || node.callee.object.name !== store || memberName(node.callee) !== 'get') return;
    const argument = node.arguments[0];
    if (argument && (argument.type === 'Identifier' || argument.type === 'MemberExpression'))
      key = text.slice(argument.start!, argument.end!);
  });
  return key;
}

/** The one comparison of the count with a constant in a function; null when there is none or more than one. */
function onlyComparison(fn: Node, countNames: ReadonlySet<string>, constants: ReadonlyMap<string, Expression>): Comparison | null {
  const found: Comparison[] = [];
  forEachNode(fn, (node) => {
    if (node.type !== 'BinaryExpression') return;
    const comparison = comparisonOf(node, countNames, constants);
    if (comparison) found.push(comparison);
  });
  return found.length === 1 ? found[0]! : null;
}

/**
 * How to replace the limiter a module-level store backs, when its shape is plain: every use of the
 * store sits in one function (a helper answering a boolean, or a request handler counting inline)
 * or in a module-level cleanup timer, the function compares one count with one constant limit, and
 * the window is a constant. Null otherwise.
 */
export function storeReplacement(program: Program, text: string, store: string, handlerFns: readonly Node[]): StoreReplacement | null {
  const references = referencesOf(program, store);
  const fns = new Set(references.map((reference) => reference.fn).filter((fn): fn is Node => fn !== null));
  const cleanups = [...new Set(references.map((reference) => reference.topLevel))].filter(isCleanup);
  const counting = [...fns].filter((fn) => !cleanups.some((cleanup) => cleanup.start! <= fn.start! && cleanup.end! >= fn.end!));
  if (counting.length !== 1 || !isFunction(counting[0]!)) return null;
  const fn = counting[0]!;
  // A reference outside the function and the cleanups (an export, a debug route) keeps the store's shape unclear.
  if (references.some((r) => r.fn !== fn && !cleanups.includes(r.topLevel))) return null;
  const constants = topLevelConstants(program);
  const countNames = countNamesIn(fn, store);
  const comparison = onlyComparison(fn, countNames, constants);
  const keyText = keyOf(fn, store, text);
  if (!comparison || keyText === null) return null;
  const settings = settingsOf(fn, comparison, text, constants, countNames);
  if (!settings) return null;
  if (handlerFns.includes(fn)) {
    if (fn.body.type !== 'BlockStatement') return null;
    return inlineReplacement(fn, fn.body.body, store, comparison, keyText, settings, cleanups);
  }
  const helper = program.body.find(
    (statement) => statement === fn || (statement.type === 'ExportNamedDeclaration' && statement.declaration === fn),
  );
  if (fn.type !== 'FunctionDeclaration' || !helper || fn.async || fn.generator) return null;
  const trueMeansRefused = helperAnswer(fn, comparison);
  if (trueMeansRefused === null) return null;
  const root = /^[\w$]+/.exec(keyText)![0];
  const isParameter = fn.params.some((param) => {
    let found = false;
    forEachNode(param, (node) => {
      if (node.type === 'Identifier' && node.name === root) found = true;
    });
    return found;
  });
  const keyStatements = isParameter || constants.has(root) ? [] : keyDeclaration(fn.body.body, root, store);
  if (keyStatements === null) return null;
  return { kind: 'helper', fn, trueMeansRefused, keyText, keyStatements, settings, cleanups };
}

/**
 * The top-level statements of the helper that compute the key (`const ip = …` and the `const
 * forwarded = …` it reads), in order; null when one of them reads the store or the key has none.
 */
function keyDeclaration(body: readonly Statement[], root: string, store: string): Statement[] | null {
  const wanted = new Set([root]);
  const kept: Statement[] = [];
  for (const statement of [...body].reverse()) {
    if (statement.type !== 'VariableDeclaration') continue;
    if (!statement.declarations.some((d) => d.id.type === 'Identifier' && wanted.has(d.id.name))) continue;
    let readsStore = false;
    forEachNode(statement, (node) => {
      if (node.type !== 'Identifier') return;
      if (node.name === store) readsStore = true;
      wanted.add(node.name);
    });
    if (readsStore) return null;
    kept.unshift(statement);
  }
  return kept.length > 0 ? kept : null;
}

/**
 * What `true` from the helper means: `return count <= MAX` answers "allowed"; `if (count >= MAX)
 * return false` answers "allowed" too; `if (recent.length >= MAX) return true` answers "refused".
 * Null when its returns are not plain booleans.
 */
function helperAnswer(fn: BabelFunction, comparison: Comparison): boolean | null {
  let answer: boolean | null = null;
  let plain = true;
  forEachNode(fn, (node, ancestors) => {
    if (node.type !== 'ReturnStatement' || enclosingFunction(ancestors) !== fn) return;
    const argument = node.argument;
    if (argument === comparison.node) answer = comparison.trueMeansRefused;
    else if (argument?.type !== 'BooleanLiteral') plain = false;
    else {
      const guard = [...ancestors].reverse().find((ancestor) => ancestor.type === 'IfStatement');
      if (guard?.type === 'IfStatement' && guard.test === comparison.node && guard.consequent.start! <= node.start!)
        answer = comparison.trueMeansRefused ? argument.value : !argument.value;
    }
  });
  return plain ? answer : null;
}

function inlineReplacement(
  fn: BabelFunction,
  body: readonly Statement[],
  store: string,
  comparison: Comparison,
  keyText: string,
  settings: LimiterSettings,
  cleanups: Statement[],
): StoreReplacement | null {
  const guard = body.find((statement) => statement.type === 'IfStatement' && statement.test === comparison.node && !statement.alternate);
  if (guard?.type !== 'IfStatement' || !comparison.trueMeansRefused) return null;
  // The statements that count: those that name the store or a name read from it, and `now` where only they use it.
  const names = new Set([store, ...countNamesIn(fn, store)]);
  const mentions = (statement: Node) => {
    let found = false;
    forEachNode(statement, (node) => {
      if (node.type === 'Identifier' && names.has(node.name)) found = true;
    });
    return found;
  };
  for (const statement of body)
    if (statement.type === 'VariableDeclaration' && mentions(statement))
      for (const declarator of statement.declarations) if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
  let counting = body.filter((statement) => statement === guard || mentions(statement));
  const inside = (node: Node, statements: readonly Statement[]) => statements.some((s) => s.start! <= node.start! && s.end! >= node.end!);
  const readsOf = (name: string) => {
    const reads: Node[] = [];
    forEachNode(fn, (node) => {
      if (node.type === 'Identifier' && node.name === name) reads.push(node);
    });
    return reads;
  };
  // `const now = Date.now()` above, read only by the counting, goes with them; the key stays.
  const helpers = body.filter(
    (statement) =>
      !counting.includes(statement) &&
      statement.type === 'VariableDeclaration' &&
      statement.declarations.every((d) => d.id.type === 'Identifier' && !new RegExp(`\\b${d.id.name}\\b`).test(keyText)) &&
      statement.declarations.every(
        (d) => d.id.type === 'Identifier' && readsOf(d.id.name).every((read) => inside(read, [...counting, statement])),
      ),
  );
  counting = body.filter((statement) => counting.includes(statement) || helpers.includes(statement));
  // A name the counting declares and later code reads (`remaining: MAX - entry.count`) would be lost.
  for (const statement of counting)
    if (statement.type === 'VariableDeclaration')
      for (const d of statement.declarations)
        if (d.id.type !== 'Identifier' || readsOf(d.id.name).some((read) => !inside(read, counting))) return null;
  const first = body.indexOf(counting[0]!);
  const last = body.indexOf(counting.at(-1)!);
  // Anything else between them (the body parsed, a log line) would move: the shape is not plain.
  if (last - first + 1 !== counting.length) return null;
  return { kind: 'inline', fn, statements: counting, refusal: guard.consequent, keyText, settings, cleanups };
}
