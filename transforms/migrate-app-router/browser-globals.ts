import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { references, type AstNode as Node } from '../app-router/lib/rules.ts';

const BROWSER_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator'];

/** Code that runs later than the module itself: a function's body, a method, an instance field. */
const DEFERRED = /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod|ClassPrivateMethod)$/;

/** TypeScript nodes that hold a run-time expression. */
const TYPED_EXPRESSION =
  /^TS(AsExpression|SatisfiesExpression|NonNullExpression|TypeAssertion|EnumDeclaration|EnumMember|ModuleDeclaration|ModuleBlock|ExportAssignment)$/;

const mentionsTypeofGlobal = (j: JSCodeshift, node: Node) =>
  j(node as never)
    .find(j.UnaryExpression, { operator: 'typeof' })
    .filter((p: ASTPath) => {
      const argument = (p.node as Node).argument;
      return argument.type === 'Identifier' && BROWSER_GLOBALS.includes(argument.name);
    }).length > 0;

/** A browser global the module reads as it loads, with what holds it. */
export interface ModuleScopeRead {
  name: string;
  line: number;
  statement: ASTPath;
}

/**
 * Reads of `window`, `document`, `localStorage`, `sessionStorage` or `navigator` that run when the module
 * loads: not deferred in a function, and not behind a `typeof window` test. The server evaluates the
 * module when it prerenders a page that imports it, server or client component alike, and they throw there.
 */
export function moduleScopeReads(j: JSCodeshift, root: ReturnType<JSCodeshift>): ModuleScopeRead[] {
  const found: ModuleScopeRead[] = [];
  for (const name of BROWSER_GLOBALS) {
    references(j, root, name).forEach((p: ASTPath) => {
      if (p.parent.node.type === 'UnaryExpression' && p.parent.node.operator === 'typeof') return;
      let child: ASTPath = p;
      for (let at: ASTPath | null = p.parent; at; child = at, at = at.parent) {
        const node = at.node as Node;
        if (DEFERRED.test(node.type) || ((node.type === 'ClassProperty' || node.type === 'ClassPrivateProperty') && !node.static)) return;
        // A type (`type Storage = typeof localStorage`) reads nothing at run time.
        if (/^TS/.test(node.type) && !TYPED_EXPRESSION.test(node.type)) return;
        const guarded =
          ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') &&
            child.node !== node.test &&
            mentionsTypeofGlobal(j, node.test)) ||
          (node.type === 'LogicalExpression' && child.node === node.right && mentionsTypeofGlobal(j, node.left));
        if (guarded) return;
        if (at.parent?.node.type === 'Program') {
          found.push({ name, line: (p.node as Node).loc?.start.line ?? 0, statement: at });
          return;
        }
      }
    });
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * A statement the module runs only for its effect (`window.addEventListener(…)`) is wrapped in
 * `if (typeof window !== 'undefined')`: the browser runs it as before, the server skips what it could not
 * run. A read whose value the module keeps (`const isMac = navigator.platform…`) cannot be guarded
 * without changing that value on the server, which the page may render: it is returned to be reported.
 */
export function guardModuleScopeReads(j: JSCodeshift, file: string, source: string): { source: string; unguarded: ModuleScopeRead[] } {
  if (!BROWSER_GLOBALS.some((name) => source.includes(name))) return { source, unguarded: [] };
  const root = sourceTree(j, source);
  const reads = moduleScopeReads(j, root);
  const unguarded = reads.filter((read) => (read.statement.node as Node).type !== 'ExpressionStatement');
  const effects = [...new Set(reads.filter((read) => !unguarded.includes(read)).map((read) => read.statement))];
  if (effects.length === 0) return { source, unguarded };
  for (const statement of effects) {
    const test = j.binaryExpression('!==', j.unaryExpression('typeof', j.identifier('window')), j.stringLiteral('undefined'));
    const node = statement.node as Node;
    const guard = j.ifStatement(test, j.blockStatement([{ ...node, comments: null } as never])) as Node;
    guard.comments = node.comments ?? null;
    j(statement).replaceWith(guard as never);
  }
  return { source: printSource(root, source, file), unguarded };
}
