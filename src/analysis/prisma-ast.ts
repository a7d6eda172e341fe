import type { Node } from '@babel/types';
import type { Visitors } from '../types.ts';
import { enclosingFunction } from '../engine/ast.ts';

/** The local names `PrismaClient` is imported under (`import { PrismaClient as Db } …`), plus its own name. */
export function prismaClientNames(program: Node): Set<string> {
  const names = new Set(['PrismaClient']);
  if (program.type !== 'Program') return names;
  for (const statement of program.body) {
    if (
      statement.type !== 'ImportDeclaration' ||
      !/^@prisma\/client(\/|$)|\/generated\/prisma|prisma\/client$/.test(statement.source.value)
    )
      continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier' && specifier.imported.name === 'PrismaClient')
        names.add(specifier.local.name);
    }
  }
  return names;
}

export function isPrismaClientConstruction(node: Node, names: ReadonlySet<string>): boolean {
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && names.has(node.callee.name);
}

export function insideFunction(ancestors: readonly Node[]): boolean {
  return enclosingFunction(ancestors) !== null;
}

function mentionsGlobal(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'global' || node.name === 'globalThis' || /^globalFor/.test(node.name);
  if (node.type === 'MemberExpression') return mentionsGlobal(node.object);
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return mentionsGlobal(node.expression);
  return false;
}

/**
 * A construction kept on the global object: `globalForPrisma.prisma ?? new PrismaClient()`,
 * or `global.cachedPrisma = new PrismaClient()` (the older form, beside a production branch).
 */
export function isGloballyCached(ancestors: readonly Node[]): boolean {
  const parent = ancestors.at(-1);
  if (parent?.type === 'LogicalExpression' && (parent.operator === '??' || parent.operator === '||')) return mentionsGlobal(parent.left);
  if (parent?.type === 'AssignmentExpression') return mentionsGlobal(parent.left);
  return false;
}

/** Visitors that call `visit` for each `new PrismaClient()` in a file, under whatever name it was imported. */
export function onPrismaConstruction(visit: (node: Node, ancestors: readonly Node[]) => void): Visitors {
  let names = new Set<string>();
  return {
    Program(node: Node) {
      names = prismaClientNames(node);
    },
    NewExpression(node: Node, ancestors: readonly Node[]) {
      if (isPrismaClientConstruction(node, names)) visit(node, ancestors);
    },
  };
}
