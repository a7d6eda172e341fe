import path from 'node:path';
import type { Node, Program, Statement } from '@babel/types';

export function isNextConfigFile(file: string): boolean {
  return /^next\.config\.(js|mjs|cjs|ts|mts|cts)$/.test(path.posix.basename(file));
}

/** The static name of an object property or member key, or null when it is computed. */
export function propertyName(node: Node): string | null {
  if (node.type !== 'ObjectProperty' && node.type !== 'ObjectMethod') return null;
  const key = node.key;
  if (key.type === 'Identifier' && !node.computed) return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return null;
}

export const FUNCTION_TYPES: ReadonlySet<string> = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

/** The innermost function among the ancestors, or null at module level. */
export function enclosingFunction(ancestors: readonly Node[]): Node | null {
  for (let i = ancestors.length - 1; i >= 0; i--) if (FUNCTION_TYPES.has(ancestors[i]!.type)) return ancestors[i]!;
  return null;
}

/** The name of a non-computed member: `x.name(…)` → `name`. */
export function memberName(node: Node): string | null {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  return !node.computed && node.property.type === 'Identifier' ? node.property.name : null;
}

/** Whether an identifier is the name after the dot of `a.name` or `a?.name`: a property, not a reference to a binding. */
export function isPropertyAfterDot(node: Node, parent: Node | undefined): boolean {
  return (
    (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed
  );
}

/**
 * The innermost node of `chain` (a node's ancestors, then the node) that stands in a list of
 * statements: a block's, the program's or a `case`'s. A line written above it is a statement of its own.
 */
export function statementInList(chain: readonly Node[]): Node | null {
  for (let i = chain.length - 1; i > 0; i--) {
    const parent = chain[i - 1]!;
    const list: readonly Statement[] | null =
      parent.type === 'SwitchCase'
        ? parent.consequent
        : parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock'
          ? parent.body
          : null;
    if (list?.includes(chain[i] as Statement)) return chain[i]!;
  }
  return null;
}

/**
 * Each module-level binding the module exports, with the names it goes by outside: `export const f`,
 * `export function f`, `export class F`, `export { f as g }`, `export default f`. A re-export
 * (`export { f } from './g'`) binds nothing here and is not one.
 */
export function exportedBindings(program: Program): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (local: string, exported: string) => names.set(local, [...(names.get(local) ?? []), exported]);
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration.type === 'Identifier') add(declaration.name, 'default');
      else if ('id' in declaration && declaration.id?.type === 'Identifier') add(declaration.id.name, 'default');
      continue;
    }
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) if (d.id.type === 'Identifier') add(d.id.name, d.id.name);
    } else if (declaration && 'id' in declaration && declaration.id?.type === 'Identifier') {
      add(declaration.id.name, declaration.id.name);
    }
    if (statement.source) continue;
    for (const specifier of statement.specifiers)
      if (specifier.type === 'ExportSpecifier')
        add(specifier.local.name, specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value);
  }
  return names;
}

/** Whether a module-level binding is exported (see `exportedBindings`). */
export function exportsBinding(program: Program, name: string): boolean {
  return exportedBindings(program).has(name);
}

/**
 * The statements one of which declares `declarator`: those given (a function's body), or those of a
 * `try` or plain block among them, which every run passes through; with that statement's index. Null
 * where it sits deeper (a branch, a loop, a callback): what it binds is not in scope after the
 * statement that holds it, nor read on every run.
 */
export function declaringStatements(
  statements: readonly Statement[],
  declarator: Node,
): { list: readonly Statement[]; index: number } | null {
  const index = statements.findIndex((s) => s.start! <= declarator.start! && s.end! >= declarator.end!);
  const holder = statements[index];
  if (!holder) return null;
  if (holder.type === 'VariableDeclaration' && (holder.declarations as Node[]).includes(declarator)) return { list: statements, index };
  if (holder.type === 'TryStatement' && holder.block.start! <= declarator.start! && holder.block.end! >= declarator.end!)
    return declaringStatements(holder.block.body, declarator);
  if (holder.type === 'BlockStatement') return declaringStatements(holder.body, declarator);
  return null;
}
