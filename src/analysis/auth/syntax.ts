import type { Node, Program } from '@babel/types';
import { forEachNode } from '../../engine/walk.ts';
import { specifierImport } from '../imported-bindings.ts';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);

export const isFunctionNode = (node: Node): boolean => FUNCTION_TYPES.has(node.type);

/**
 * Visits every node under `root` in source order, with its ancestors below `root`. Nested functions
 * are entered only when `intoFunctions` is set: a callback defined in a handler runs later, or never.
 */
export function visitInside(root: Node, visit: (node: Node, ancestors: readonly Node[]) => void | 'skip', intoFunctions = false): void {
  forEachNode(root, (node, ancestors) => {
    if (visit(node, ancestors) === 'skip') return 'skip';
    if (node !== root && !intoFunctions && isFunctionNode(node)) return 'skip';
  });
}

/** `a.b.c` for a chain of identifiers and `this`; `a.b()` for a call on one; null for anything computed. */
export function chainText(node: Node | null | undefined): string | null {
  if (!node) return null;
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const object = chainText(node.object);
      if (object === null) return null;
      if (!node.computed && node.property.type === 'Identifier') return `${object}.${node.property.name}`;
      if (node.property.type === 'StringLiteral') return `${object}.${node.property.value}`;
      return null;
    }
    case 'CallExpression':
    case 'OptionalCallExpression': {
      const callee = chainText(node.callee);
      return callee === null ? null : `${callee}()`;
    }
    case 'AwaitExpression':
      return chainText(node.argument);
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'ParenthesizedExpression':
      return chainText(node.expression);
    default:
      return null;
  }
}

/** Strips `await`, `!`, casts and parentheses: the call or value underneath. */
export function unwrap(node: Node | null | undefined): Node | null {
  let current = node ?? null;
  while (
    current &&
    (current.type === 'AwaitExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'TSAsExpression' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'ParenthesizedExpression')
  )
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  return current;
}

export interface ImportedName {
  source: string;
  /** The exported name, `default` or `*`. */
  imported: string;
}

/** Each local name a module imports, with the module and the name it exports it under. */
export function importsOf(program: Program): Map<string, ImportedName> {
  const imports = new Map<string, ImportedName>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      const imported = specifierImport(specifier);
      imports.set(specifier.local.name, { source: statement.source.value, imported });
    }
  }
  return imports;
}

/** The source text of a node. */
export const textOf = (source: string, node: Node): string => source.slice(node.start!, node.end!);
