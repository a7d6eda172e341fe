import type { Expression, ImportDeclaration, Node, ObjectExpression, Program } from '@babel/types';
import { propertyName } from '../engine/ast.ts';
import { mergeVisitors, walk } from '../engine/walk.ts';
import type { Visitors } from '../types.ts';

/** What a local name holds from a module: its default export, the whole namespace (`*`), or a named export. */
export interface ImportedBinding {
  source: string;
  imported: string;
}

/** The export an import specifier names: `default`, `*` for a namespace, or the exported name. */
export function specifierImport(specifier: ImportDeclaration['specifiers'][number]): string {
  if (specifier.type === 'ImportDefaultSpecifier') return 'default';
  if (specifier.type === 'ImportNamespaceSpecifier') return '*';
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
}

function requiredModule(init: Node | null | undefined): string | null {
  if (init?.type === 'AwaitExpression') return requiredModule(init.argument);
  if (init?.type !== 'CallExpression' || init.arguments[0]?.type !== 'StringLiteral') return null;
  const callee = init.callee;
  if (callee.type === 'Identifier' && callee.name === 'require') return init.arguments[0].value;
  if (callee.type === 'Import') return init.arguments[0].value;
  return null;
}

/**
 * The names a module binds to other modules' exports: `import jwt from`, `import * as jose from`,
 * `import { sign as signToken } from`, `const jwt = require(…)`, `const { verify } = require(…)`.
 * A CommonJS module's `require` result is its namespace, as `import *` is.
 */
export function importedBindings(program: Program): Map<string, ImportedBinding> {
  const bindings = new Map<string, ImportedBinding>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type') continue;
      for (const specifier of statement.specifiers) {
        const imported = specifierImport(specifier);
        bindings.set(specifier.local.name, { source: statement.source.value, imported });
      }
      continue;
    }
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const source = requiredModule(declarator.init);
      if (!source) continue;
      if (declarator.id.type === 'Identifier') bindings.set(declarator.id.name, { source, imported: '*' });
      if (declarator.id.type !== 'ObjectPattern') continue;
      for (const property of declarator.id.properties) {
        const name = propertyName(property);
        if (name && property.type === 'ObjectProperty' && property.value.type === 'Identifier')
          bindings.set(property.value.name, { source, imported: name });
      }
    }
  }
  return bindings;
}

/**
 * The export of `source` a callee names: `sign` for `jwt.sign` (a default or namespace import),
 * for `sign` (a named import) and for `signToken` (`import { sign as signToken }`);
 * `default` for a default import called as a function. Null for anything else.
 */
export function calledExport(callee: Node, bindings: ReadonlyMap<string, ImportedBinding>, source: string): string | null {
  if (callee.type === 'Identifier') {
    const binding = bindings.get(callee.name);
    if (binding?.source !== source) return null;
    return binding.imported === '*' ? 'default' : binding.imported;
  }
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed) {
    if (callee.object.type !== 'Identifier' || callee.property.type !== 'Identifier') return null;
    const binding = bindings.get(callee.object.name);
    if (binding?.source !== source || (binding.imported !== 'default' && binding.imported !== '*')) return null;
    return callee.property.name;
  }
  return null;
}

/** Calls every visitor on each node under `root`, with its ancestors. */
export function visitNodes(root: Node, visitors: Visitors): void {
  walk(root, mergeVisitors([visitors]));
}

/** The text of a string literal or a template without placeholders; null for anything else. */
export function staticString(node: Node | null | undefined): string | null {
  if (node?.type === 'StringLiteral') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? null;
  return null;
}

/** The single `const name = { … }` (or `= '…'`) of the module, where a name is declared exactly once. */
export function moduleConstants(program: Program): Map<string, Expression> {
  const seen = new Map<string, Expression | null>();
  visitNodes(program, {
    VariableDeclarator(declarator) {
      if (declarator.id.type !== 'Identifier') return;
      const name = declarator.id.name;
      seen.set(name, seen.has(name) ? null : (declarator.init ?? null));
    },
  });
  const constants = new Map<string, Expression>();
  for (const [name, init] of seen) if (init) constants.set(name, init);
  return constants;
}

/** An object literal an expression is or names through a module constant; null when it cannot be told. */
export function objectLiteral(node: Node | null | undefined, constants: ReadonlyMap<string, Expression>): ObjectExpression | null {
  let current: Node | null | undefined = node;
  for (let depth = 0; depth < 3 && current; depth++) {
    if (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression') current = current.expression;
    if (current.type === 'ObjectExpression') return current;
    if (current.type !== 'Identifier') return null;
    current = constants.get(current.name);
  }
  return null;
}

/** The static keys of an object literal, and whether a spread may add others. */
export function objectKeys(object: ObjectExpression): { keys: Map<string, Node>; open: boolean } {
  const keys = new Map<string, Node>();
  let open = false;
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') open = true;
    const name = propertyName(property);
    if (name) keys.set(name, property);
    else if (property.type !== 'SpreadElement') open = true;
  }
  return { keys, open };
}
