import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node } from '@babel/types';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/engine/parse.ts';
import { forEachNode, mergeVisitors, walk, withFrozenTree } from '../src/engine/walk.ts';
import { FIXTURES } from './helpers.ts';

const SOURCES = ['checks/route-without-auth', 'checks/webhook-signature-missing']
  .flatMap((dir) =>
    readdirSync(path.join(FIXTURES, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(?:tsx?|js)$/.test(file))
      .map((file) => `${dir}/${file.split(path.sep).join('/')}`),
  )
  .sort();

const isFunction = (node: Node) => /Function|Method/.test(node.type);

/** Every visit a walk makes, as text: enter and exit, each with its ancestors' types. */
function visits(root: Node, skip: (node: Node) => boolean): string[] {
  const seen: string[] = [];
  forEachNode(
    root,
    (node, ancestors) => {
      seen.push(`> ${node.type} ${node.start} [${ancestors.map((a) => a.type).join(' ')}]`);
      return skip(node) ? 'skip' : undefined;
    },
    (node, ancestors) => {
      seen.push(`< ${node.type} ${node.start} [${ancestors.map((a) => a.type).join(' ')}]`);
    },
  );
  return seen;
}

describe('a frozen tree is walked as a fresh descent walks it', () => {
  it('has fixtures to walk', () => expect(SOURCES.length).toBeGreaterThan(5));

  it.each(SOURCES)('%s: from the root and from every function, with and without skips', (file) => {
    const ast = parseSource(file, readFileSync(path.join(FIXTURES, file), 'utf8'));
    const roots: Node[] = [ast];
    forEachNode(ast, (node) => void (isFunction(node) && roots.push(node)));
    const rules = [() => false, isFunction, (node: Node) => node.type === 'BlockStatement' || node.type === 'ObjectExpression'];
    const fresh = roots.flatMap((root) => rules.map((rule) => visits(root, rule)));
    const frozen = withFrozenTree(ast, () => roots.flatMap((root) => rules.map((rule) => visits(root, rule))));
    expect(frozen).toEqual(fresh);
    expect(fresh.flat().length).toBeGreaterThan(20);
  });

  it('walks a node outside the frozen tree afresh', () => {
    const frozenAst = parseSource('a.ts', 'export const a = 1;');
    const other = parseSource('b.ts', 'export function b() { return 2; }');
    expect(withFrozenTree(frozenAst, () => visits(other, () => false))).toEqual(visits(other, () => false));
  });
});

describe('walk with merged visitors', () => {
  it('calls enter and `:exit` handlers in order, and exits only where a handler asks', () => {
    const ast = parseSource('a.ts', 'function f() { return g(1); }\nconst x = h();');
    const seen: string[] = [];
    const visitors = mergeVisitors([
      {
        CallExpression: (node) => void seen.push(`enter ${(node.callee as { name: string }).name}`),
        'CallExpression:exit': (node) => void seen.push(`exit ${(node.callee as { name: string }).name}`),
      },
      { 'FunctionDeclaration:exit': () => void seen.push('exit f'), 'Program:exit': () => void seen.push('exit program') },
    ]);
    walk(ast, visitors);
    expect(seen).toEqual(['enter g', 'exit g', 'exit f', 'enter h', 'exit h', 'exit program']);
    seen.length = 0;
    withFrozenTree(ast, () => walk(ast, visitors));
    expect(seen).toEqual(['enter g', 'exit g', 'exit f', 'enter h', 'exit h', 'exit program']);
  });
});
