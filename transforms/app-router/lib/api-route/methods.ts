import type { JSCodeshift } from 'jscodeshift';
import { literalValue, memberKey, type AstNode as Node } from '../rules.ts';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface Branch {
  methods: string[];
  body: Node[];
}

export interface Split {
  branches: Branch[];
  /** What every method runs before the first method check. */
  preamble: Node[];
  /** What the methods no branch takes run after the preamble. */
  trailing: Node[];
}

/** The handler's parameter names, and allow-lists of methods declared as constant arrays. */
export interface Reader {
  request: string;
  response: string;
  arrays: Map<string, string[]>;
  /** Locals holding `req.method`: `const { method } = req`. */
  methodNames: Set<string>;
}

export interface MethodTest {
  methods: string[];
  negated: boolean;
}

export const unwrap = (node: Node): Node => {
  let current = node;
  while (current && ['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(current.type))
    current = current.expression;
  return current;
};

export const isMethodRead = (node: Node, reader: Reader): boolean => {
  const { request } = reader;
  const read = unwrap(node);
  if (read?.type === 'Identifier' && reader.methodNames.has(read.name)) return true;
  return (
    (read?.type === 'MemberExpression' || read?.type === 'OptionalMemberExpression') &&
    read.object.type === 'Identifier' &&
    read.object.name === request &&
    memberKey(read) === 'method'
  );
};

export function methodList(node: Node, reader: Reader): string[] | null {
  const list = unwrap(node);
  if (list?.type === 'Identifier') return reader.arrays.get(list.name) ?? null;
  if (list?.type !== 'ArrayExpression') return null;
  const values = (list.elements as Node[]).map((element) => literalValue(element));
  return values.every((value): value is string => typeof value === 'string') ? values.map((value) => value.toUpperCase()) : null;
}

/** The methods a test accepts: `req.method === 'GET'`, `'GET' === req.method`, `['GET', 'POST'].includes(req.method)`, `!…`, `a || b`. */
export function testedMethods(test: Node, reader: Reader): MethodTest | null {
  const node = unwrap(test);
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = testedMethods(node.argument, reader);
    return inner && { methods: inner.methods, negated: !inner.negated };
  }
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '&&')) {
    const left = testedMethods(node.left, reader);
    const right = testedMethods(node.right, reader);
    if (!left || !right || left.negated !== right.negated) return null;
    if ((node.operator === '||') === left.negated) return null;
    return { methods: [...left.methods, ...right.methods], negated: left.negated };
  }
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    memberKey(node.callee) === 'includes' &&
    node.arguments.length === 1 &&
    isMethodRead(node.arguments[0], reader)
  ) {
    const list = methodList(node.callee.object, reader);
    return list && { methods: list, negated: false };
  }
  if (node.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(node.operator)) return null;
  const value = isMethodRead(node.left, reader)
    ? literalValue(node.right)
    : isMethodRead(node.right, reader)
      ? literalValue(node.left)
      : undefined;
  if (typeof value !== 'string') return null;
  return { methods: [value.toUpperCase()], negated: node.operator.startsWith('!') };
}

export const accepts = (tested: MethodTest, method: string): boolean => tested.methods.includes(method) !== tested.negated;

export const blockBody = (node: Node): Node[] => (node.type === 'BlockStatement' ? (node as { body: Node[] }).body : [node]);

/** The innermost object of a member and call chain: `res` in `res.status(200).json(x)`. */
export function chainRoot(node: Node): Node {
  let object = node;
  while (object.type === 'MemberExpression' || object.type === 'CallExpression')
    object = object.type === 'MemberExpression' ? object.object : object.callee;
  return object;
}

/** True when running these statements always ends the handler: a return, a throw, or a response sent last. */
export function exits(nodes: Node[], reader: Reader): boolean {
  const last = nodes.at(-1);
  if (!last) return false;
  if (last.type === 'ReturnStatement' || last.type === 'ThrowStatement') return true;
  if (last.type === 'BlockStatement') return exits(last.body, reader);
  if (last.type === 'IfStatement')
    return Boolean(last.alternate) && exits(blockBody(last.consequent), reader) && exits(blockBody(last.alternate), reader);
  if (last.type === 'ExpressionStatement') {
    const expression = unwrap(last.expression.type === 'AwaitExpression' ? last.expression.argument : last.expression);
    const root = expression.type === 'CallExpression' ? chainRoot(expression) : null;
    return (
      root?.type === 'Identifier' &&
      root.name === reader.response &&
      !['setHeader', 'appendHeader', 'removeHeader', 'status', 'revalidate', 'write', 'writeHead'].includes(
        memberKey(expression.callee) ?? '',
      )
    );
  }
  return false;
}

/** Visits the nodes under `node`, not entering functions nested in it. */
export function walk(node: Node, visit: (node: Node, parent: Node | null) => void, parent: Node | null = null): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit, parent);
    return;
  }
  if (typeof node.type !== 'string') return;
  visit(node, parent);
  if (parent && /Function|ObjectMethod|ClassMethod/.test(node.type)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'tokens') continue;
    if (value && typeof value === 'object') walk(value as Node, visit, node);
  }
}

/** A `break` left inside a case once its own trailing `break` is dropped would end up outside any switch. */
export function breaksOutOf(statements: Node[]): boolean {
  let found = false;
  const visit = (node: Node, inLoop: boolean): void => {
    if (!node || typeof node !== 'object' || found) return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, inLoop));
    if (typeof node.type !== 'string') return;
    if (node.type === 'BreakStatement' && !node.label && !inLoop) found = true;
    if (/Function/.test(node.type)) return;
    const loop = inLoop || /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/.test(node.type);
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && value && typeof value === 'object') visit(value as Node, loop);
  };
  visit(statements, false);
  return found;
}

export const respondsWith405 = (j: JSCodeshift, nodes: Node[]): boolean =>
  nodes.length === 0 ||
  nodes
    .map((n) => j(n as never).toSource())
    .join('\n')
    .includes('405');

/** Splits a handler body into one body per method; null when it checks the method in a way this rule does not read. */
export function splitByMethod(j: JSCodeshift, body: Node[], reader: Reader): Split | null {
  const preamble: Node[] = [];
  for (let index = 0; index < body.length; index++) {
    const statement = body[index]!;
    const after = body.slice(index + 1);
    const tested = statement.type === 'IfStatement' ? testedMethods(statement.test, reader) : null;
    if (tested?.negated) {
      // `if (req.method !== 'POST') return …;` guards the rest of the body.
      if (statement.alternate || !exits(blockBody(statement.consequent), reader)) return null;
      const rest = splitByMethod(j, after, reader);
      if (!rest) return null;
      const allowed = tested.methods;
      if (rest.branches.length === 0) return { branches: [{ methods: allowed, body: [...preamble, ...after] }], preamble, trailing: [] };
      const branches = rest.branches
        .map((b) => ({ methods: b.methods.filter((m) => allowed.includes(m)), body: [...preamble, ...b.body] }))
        .filter((b) => b.methods.length > 0);
      const uncovered = allowed.filter((m) => !rest.branches.some((b) => b.methods.includes(m)));
      if (uncovered.length > 0 && !respondsWith405(j, rest.trailing))
        branches.push({ methods: uncovered, body: [...preamble, ...rest.preamble, ...rest.trailing] });
      return { branches, preamble, trailing: [] };
    }
    if (tested) {
      // A chain of `if (req.method === …) … else if …`; a branch that does not end the handler goes on with the code after the chain.
      const branches: Branch[] = [];
      let node: Node | null = statement;
      while (node && node.type === 'IfStatement') {
        const test = testedMethods(node.test, reader);
        if (!test || test.negated) return null;
        const consequent = blockBody(node.consequent);
        branches.push({ methods: test.methods, body: [...preamble, ...consequent, ...(exits(consequent, reader) ? [] : after)] });
        node = node.alternate;
      }
      const rest = splitByMethod(j, after, reader);
      if (!rest) return null;
      if (rest.branches.length > 0) {
        if (node) return null;
        for (const b of rest.branches) {
          const methods = b.methods.filter((m) => !branches.some((taken) => taken.methods.includes(m)));
          if (methods.length > 0) branches.push({ methods, body: [...preamble, ...b.body] });
        }
        return { branches, preamble: [...preamble, ...rest.preamble], trailing: rest.trailing };
      }
      return { branches, preamble, trailing: [...(node ? blockBody(node) : []), ...after] };
    }
    if (statement.type === 'SwitchStatement' && isMethodRead(statement.discriminant, reader)) {
      const branches: Branch[] = [];
      let pending: string[] = [];
      let otherwise: Node[] = [];
      const cases = statement.cases as Array<{ test: Node | null; consequent: Node[] }>;
      for (const [position, kase] of cases.entries()) {
        const flat = kase.consequent.flatMap(blockBody);
        const ends = flat.at(-1)?.type === 'BreakStatement' || exits(flat, reader);
        const consequent = flat.filter((c) => c.type !== 'BreakStatement');
        // A `break` deeper in a case leaves the switch; when nothing follows the switch, that is a `return`.
        if (breaksOutOf(consequent) && after.length > 0) return null;
        if (consequent.length > 0 && !ends && position < cases.length - 1) return null;
        if (kase.test === null) {
          otherwise = consequent;
          continue;
        }
        const value = literalValue(kase.test);
        if (typeof value !== 'string') return null;
        pending.push(value.toUpperCase());
        if (consequent.length === 0) continue;
        branches.push({ methods: pending, body: [...preamble, ...consequent, ...(exits(consequent, reader) ? [] : after)] });
        pending = [];
      }
      return { branches, preamble, trailing: [...otherwise, ...(exits(otherwise, reader) ? [] : after)] };
    }
    preamble.push(statement);
  }
  return { branches: [], preamble, trailing: [] };
}

/** Method checks the split did not take (inside a `try`, a ternary): each group of methods that answers them alike gets its own copy of the body. */
export function methodGroups(body: Node[], reader: Reader): string[][] | null {
  const tests: MethodTest[] = [];
  walk(body, (node) => {
    if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') {
      const tested = testedMethods(node.test, reader);
      if (tested) tests.push(tested);
    }
  });
  if (tests.length === 0) return null;
  const methods = [...new Set([...METHODS, ...tests.flatMap((t) => t.methods)])];
  const groups = new Map<string, string[]>();
  for (const method of methods) {
    const key = tests.map((t) => (accepts(t, method) ? '1' : '0')).join('');
    groups.set(key, [...(groups.get(key) ?? []), method]);
  }
  return [...groups.values()];
}

/** `break` statements outside any loop or switch in these statements: those a case body kept from its switch. */
export function strayBreaks(node: Node): Node[] {
  const found: Node[] = [];
  const visit = (current: Node, inBreakable: boolean): void => {
    if (!current || typeof current !== 'object') return;
    if (Array.isArray(current)) return current.forEach((item) => visit(item, inBreakable));
    if (typeof current.type !== 'string') return;
    if (current.type === 'BreakStatement' && !current.label && !inBreakable) found.push(current);
    if (/Function/.test(current.type)) return;
    const breakable = inBreakable || /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/.test(current.type);
    for (const [key, value] of Object.entries(current))
      if (key !== 'loc' && value && typeof value === 'object') visit(value as Node, breakable);
  };
  visit(node, false);
  return found;
}

/**
 * Source text of a statement moved to another depth, its inner lines shifted with it. A `break` that
 * left the switch it came from becomes `return;`: the split only keeps those where the switch ended the handler.
 */
export function moved(source: string, node: Node, indent: string): string {
  const { start, end } = node as Node & { start: number; end: number };
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const shift = /^[ \t]*/.exec(source.slice(lineStart))![0].length - indent.length;
  let slice = source.slice(start, end);
  for (const stray of strayBreaks(node).sort((a, b) => b.start - a.start))
    slice = `${slice.slice(0, stray.start - start)}return;${slice.slice(stray.end - start)}`;
  const lines = slice.split('\n');
  const text = lines
    .map((line, i) => (i === 0 ? indent + line : shift > 0 ? line.replace(new RegExp(`^ {0,${shift}}`), '') : ' '.repeat(-shift) + line))
    .join('\n');
  return node.expressionBody ? `${indent}return ${text.slice(indent.length)};` : text;
}
