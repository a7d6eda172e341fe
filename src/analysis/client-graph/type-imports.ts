import { parseSource } from '../../engine/parse.ts';

/** A module that exports types: only such a module can be imported for types alone. */
export const EXPORTS_TYPES = /\bexport\s+(?:declare\s+)?(?:interface|type)\b/;
/** Where an identifier is a type, which TypeScript erases: annotations, type arguments, interfaces and aliases. */
export const TYPE_KEYS = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeParameters', 'implements']);
export const TYPE_NODES = new Set([
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSDeclareFunction',
  'TSTypeReference',
  'TSTypeQuery',
]);
export const NOT_CHILDREN = new Set([
  'loc',
  'start',
  'end',
  'extra',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'range',
]);

/**
 * The specifiers of `file` whose imported bindings it uses only as types, so the import brings no code.
 * Every identifier outside a type position counts as a use of the value, property names included.
 */
export function typeOnlyImports(file: string, text: string): Set<string> {
  let ast;
  try {
    ast = parseSource(file, text);
  } catch {
    return new Set();
  }
  const bindingsBySource = new Map<string, string[]>();
  const valueSources = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    const source = statement.source.value;
    if (statement.specifiers.length === 0 || statement.specifiers.some((specifier) => specifier.type !== 'ImportSpecifier'))
      valueSources.add(source);
    bindingsBySource.set(source, [
      ...(bindingsBySource.get(source) ?? []),
      ...statement.specifiers.map((specifier) => specifier.local.name),
    ]);
  }
  const usedAsValue = new Set<string>();
  const visit = (node: unknown, inType: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, inType);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return;
    const { type } = node as { type: string };
    if (type === 'ImportDeclaration') return;
    const typeHere = inType || TYPE_NODES.has(type);
    if (!typeHere && (type === 'Identifier' || type === 'JSXIdentifier')) usedAsValue.add((node as { name: string }).name);
    for (const [key, child] of Object.entries(node)) if (!NOT_CHILDREN.has(key)) visit(child, typeHere || TYPE_KEYS.has(key));
  };
  visit(ast.program.body, false);
  const typeOnly = new Set<string>();
  for (const [source, names] of bindingsBySource) {
    if (!valueSources.has(source) && !names.some((name) => usedAsValue.has(name))) typeOnly.add(source);
  }
  return typeOnly;
}
