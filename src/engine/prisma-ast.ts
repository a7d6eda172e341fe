import type { Node } from '@babel/types';
import type { Visitors } from '../types.ts';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** The local names `PrismaClient` is imported under (`import { PrismaClient as Db } …`), plus its own name. */
export function prismaClientNames(program: Node): Set<string> {
  const names = new Set(['PrismaClient']);
  if (program.type !== 'Program') return names;
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || !/^@prisma\/client(\/|$)|\/generated\/prisma|prisma\/client$/.test(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier' && specifier.imported.name === 'PrismaClient') names.add(specifier.local.name);
    }
  }
  return names;
}

export function isPrismaClientConstruction(node: Node, names: ReadonlySet<string>): boolean {
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && names.has(node.callee.name);
}

export function insideFunction(ancestors: readonly Node[]): boolean {
  return ancestors.some((node) => FUNCTION_TYPES.has(node.type));
}

/** `globalForPrisma.prisma ?? new PrismaClient()`: construction guarded by a cache on the global object. */
export function isGloballyCached(ancestors: readonly Node[], source: string): boolean {
  const parent = ancestors.at(-1);
  return parent?.type === 'LogicalExpression' && (parent.operator === '??' || parent.operator === '||') && /\bglobal(This)?\b/.test(source);
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
