import type { ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';

/** A syntax node read field by field: the rules walk Babel's tree shapes, which jscodeshift's `Node` type does not describe. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = any;
import { removeUnusedBinding, sourceTree } from '../../../src/engine/codemod.ts';
import { sourceStyle } from '../../../src/engine/print-style.ts';
import { routeParams } from '../../../src/analysis/next-routes.ts';

/** What every App Router rule declares besides its jscodeshift function. */
export interface RuleMeta {
  id: string;
  title: string;
  /** done: converted; partial: converted, with `TODO(shipshape)` comments for what is left. */
  coverage: 'done' | 'partial';
  description: string;
}

/** Options the migration passes to every rule. */
export interface RuleOptions {
  /** The route the file serves, e.g. `/blog/[slug]`. */
  route?: string;
  [key: string]: unknown;
}

export const isTypeScript = (file: string): boolean => /\.(tsx?|mts|cts)$/.test(file);

/** Puts code after the module's imports (and directives), as written, a blank line apart, with the file's line ending. */
export function insertAfterImports(j: JSCodeshift, source: string, code: string): string {
  const program = sourceTree(j, source).find(j.Program).get().node as {
    body: Array<{ type: string; end?: number }>;
    directives?: Array<{ end?: number }>;
  };
  const imports = program.body.filter((node) => node.type === 'ImportDeclaration');
  const eol = sourceStyle(source).lineEnding;
  const lines = code.replace(/\r?\n/g, eol);
  const bom = source.startsWith('\ufeff') ? 1 : 0;
  const end = imports.at(-1)?.end ?? program.directives?.at(-1)?.end ?? bom;
  if (end === bom) return `${source.slice(0, bom)}${lines}${eol}${eol}${source.slice(bom)}`;
  const rest = source.slice(end).replace(/^(\r?\n)+/, '');
  return `${source.slice(0, end)}${eol}${eol}${lines}${eol}${eol}${rest}`;
}

/** Statements from a snippet, without source positions: recast lays them out itself, one per line. */
export function freshStatements(j: JSCodeshift, code: string): AstNode[] {
  const strip = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(strip);
    const record = node as Record<string, unknown>;
    for (const key of ['loc', 'start', 'end', 'original']) if (key in record) record[key] = null;
    for (const [key, value] of Object.entries(record)) if (key !== 'comments' && typeof value === 'object') strip(value);
  };
  const body = statements(j, code);
  strip(body);
  return body;
}

/** Parses a snippet of module code into statements. */
export function statements(j: JSCodeshift, code: string): AstNode[] {
  return j(code).find(j.Program).get().node.body;
}

/** Identifiers that refer to a binding: not property names, object keys or member properties. */
export function references(j: JSCodeshift, root: Collection, name: string): Collection<Identifier> {
  return root.find(j.Identifier, { name }).filter((p: ASTPath<Identifier>) => {
    const parent = p.parent?.node;
    if (!parent) return true;
    if (
      (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
      parent.property === p.node &&
      !parent.computed
    )
      return false;
    if (
      (parent.type === 'ObjectProperty' ||
        parent.type === 'ObjectMethod' ||
        parent.type === 'ClassProperty' ||
        parent.type === 'ClassMethod') &&
      parent.key === p.node &&
      !parent.computed
    ) {
      // `{ x }` shorthand refers to x through its value.
      return parent.type === 'ObjectProperty' && parent.shorthand && parent.value === p.node;
    }
    if (parent.type === 'JSXAttribute') return false;
    if (parent.type === 'TSPropertySignature' && parent.key === p.node) return false;
    if ((parent.type === 'ImportSpecifier' || parent.type === 'ExportSpecifier') && parent.imported === p.node && parent.local !== p.node)
      return false;
    return true;
  });
}

export function rename(j: JSCodeshift, root: Collection, from: string, to: string): void {
  references(j, root, from).forEach((p: ASTPath<Identifier>) => {
    const parent = p.parent?.node;
    if (parent?.type === 'ObjectProperty' && parent.shorthand) {
      parent.shorthand = false;
      parent.value = j.identifier(to);
      return;
    }
    p.node.name = to;
  });
}

export function isBound(j: JSCodeshift, root: Collection, name: string): boolean {
  return references(j, root, name).length > 0;
}

/** A name not yet used in the module: `base`, then `base2`, … */
export function freeName(j: JSCodeshift, root: Collection, base: string): string {
  let name = base;
  for (let i = 2; isBound(j, root, name); i++) name = `${base}${i}`;
  return name;
}

/** The TypeScript type of a route's params object: `{ slug: string; rest?: string[] }`. */
export function paramsTypeOf(route: string): string {
  const params = routeParams(route);
  if (params.length === 0) return '{}';
  return `{ ${params.map((p) => (p.kind === 'dynamic' ? `${p.name}: string` : p.kind === 'catch-all' ? `${p.name}: string[]` : `${p.name}?: string[]`)).join('; ')} }`;
}

export const SEARCH_PARAMS_TYPE = 'Record<string, string | string[] | undefined>';

export interface DefaultExport {
  /** The component's name once the default export is detached from it. */
  name: string;
  path: ASTPath;
}

/**
 * Detaches the module's default export from the component it names, so a new default export can
 * wrap it: `export default function Post()` becomes `function Post()`, `export default Post` goes.
 */
export function detachDefaultExport(j: JSCodeshift, root: Collection, fallbackName: string): DefaultExport | null {
  const found = root.find(j.ExportDefaultDeclaration);
  if (found.length !== 1) return null;
  const path = found.paths()[0]!;
  const declaration = path.node.declaration as AstNode & { id?: Identifier | null; type: string };
  if (declaration.type === 'Identifier') {
    const name = (declaration as unknown as Identifier).name;
    j(path).remove();
    return { name, path };
  }
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
    if (!declaration.id) declaration.id = j.identifier(freeName(j, root, fallbackName));
    const name = declaration.id.name;
    j(path).replaceWith(declaration);
    return { name, path };
  }
  if (
    declaration.type === 'ArrowFunctionExpression' ||
    declaration.type === 'FunctionExpression' ||
    declaration.type === 'CallExpression'
  ) {
    const name = freeName(j, root, fallbackName);
    j(path).replaceWith(j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), declaration as never)]));
    return { name, path };
  }
  return null;
}

/** Drops the imports of these names when nothing refers to them any more. */
export function dropUnused(j: JSCodeshift, root: Collection, names: readonly string[]): void {
  for (const name of names) removeUnusedBinding(j, root, name);
}

/** Replaces a node with the same code reprinted from text, so recast lays it out as written, on one line where it fits. */
export function reparseExpression(j: JSCodeshift, code: string): AstNode {
  const statement = statements(j, `(${code});`)[0] as unknown as { expression: AstNode & { extra?: { parenthesized?: boolean } } };
  if (statement.expression.extra) statement.expression.extra.parenthesized = false;
  return statement.expression;
}

/** A copy of a function parameter with a type annotation, laid out as written. */
export function typedParam(j: JSCodeshift, param: AstNode, type: string): AstNode {
  const withoutType = { ...param, typeAnnotation: null } as AstNode;
  const text = j(withoutType as never)
    .toSource()
    .replace(/\s*\n\s*/g, ' ');
  const fn = statements(j, `function f(${text}: ${type}) {}`)[0] as unknown as { params: AstNode[] };
  return fn.params[0]!;
}

/** The top-level statement holding a path. */
export function topLevel(path: ASTPath): ASTPath {
  let current = path;
  while (current.parent && current.parent.node.type !== 'Program') current = current.parent;
  return current;
}

/** A `'use client'` (or other) directive at the top of the module. */
export function hasDirective(j: JSCodeshift, root: Collection, value: string): boolean {
  const program = root.find(j.Program).get().node as { directives?: Array<{ value: { value: string } }>; body: AstNode[] };
  if (program.directives?.some((d) => d.value.value === value)) return true;
  const first = program.body[0] as { type: string; expression?: { type: string; value?: string }; directive?: string } | undefined;
  return (
    first?.type === 'ExpressionStatement' &&
    (first.directive === value || (first.expression?.type === 'StringLiteral' && first.expression.value === value))
  );
}

/** The module with `'use client'` on top (after a byte order mark), in the file's own quotes, semicolons and line ending; the rest as it was. */
export function withUseClient(source: string): string {
  const style = sourceStyle(source);
  const bom = source.startsWith('\ufeff') ? '\ufeff' : '';
  const quote = style.quote === 'double' ? '"' : "'";
  return `${bom}${quote}use client${quote}${style.semicolons ? ';' : ''}${style.lineEnding}${style.lineEnding}${source.slice(bom.length).replace(/^\s*\n/, '')}`;
}

export interface DataFunction {
  /** The statement declaring it, top level. */
  statement: ASTPath;
  /** The function node itself. */
  fn: AstNode & { params: AstNode[]; body: AstNode; async?: boolean };
}

/** `export async function name(…)` or `export const name = async (…) => …` (with a type annotation, `satisfies` or `as`). */
export function findDataFunction(j: JSCodeshift, root: Collection, name: string): DataFunction | null {
  const declaration = root
    .find(j.FunctionDeclaration, { id: { name } })
    .filter((p: ASTPath) => topLevel(p) === p || topLevel(p) === p.parent);
  if (declaration.length > 0) {
    const p = declaration.paths()[0]!;
    return { statement: topLevel(p), fn: p.node as DataFunction['fn'] };
  }
  const declarator = root.find(j.VariableDeclarator, { id: { name } }).paths()[0];
  if (!declarator) return null;
  let init = declarator.node.init as AstNode & { expression?: AstNode; type: string };
  while (init && (init.type === 'TSSatisfiesExpression' || init.type === 'TSAsExpression' || init.type === 'ParenthesizedExpression'))
    init = init.expression as typeof init;
  if (!init || (init.type !== 'ArrowFunctionExpression' && init.type !== 'FunctionExpression')) return null;
  // The Pages Router type no longer applies: the function becomes a plain helper.
  declarator.node.init = init as never;
  (declarator.node.id as { typeAnnotation?: unknown }).typeAnnotation = null;
  return { statement: topLevel(declarator), fn: init as DataFunction['fn'] };
}

/** Removes `export` from a top-level declaration. */
export function unexport(j: JSCodeshift, statement: ASTPath): void {
  if (statement.node.type === 'ExportNamedDeclaration' && (statement.node as { declaration?: AstNode }).declaration) {
    const declaration = (statement.node as { declaration: AstNode }).declaration;
    const comments = (statement.node as { comments?: unknown[] }).comments;
    j(statement).replaceWith(Object.assign(declaration, comments ? { comments } : {}));
  }
}

/** The `return` statements of a function, not those of functions nested in it. */
export function ownReturns(j: JSCodeshift, fn: AstNode): Array<ASTPath & { node: { argument: AstNode | null } }> {
  return j(fn as never)
    .find(j.ReturnStatement)
    .filter((p: ASTPath) => {
      for (let current = p.parent as ASTPath | null; current; current = current.parent as ASTPath | null) {
        if (current.node === fn) return true;
        if (/Function|ObjectMethod|ClassMethod/.test(current.node.type)) return false;
      }
      return false;
    })
    .paths() as never;
}

export function objectProperty(object: AstNode, key: string): (AstNode & { value: AstNode; key: AstNode }) | null {
  if (object.type !== 'ObjectExpression') return null;
  for (const property of (
    object as unknown as { properties: Array<AstNode & { key?: AstNode & { name?: string; value?: string }; value: AstNode }> }
  ).properties) {
    if (property.type !== 'ObjectProperty' || !property.key) continue;
    if (
      (property.key.type === 'Identifier' && property.key.name === key) ||
      (property.key.type === 'StringLiteral' && property.key.value === key)
    )
      return property as never;
  }
  return null;
}

export function literalValue(node: AstNode | undefined | null): string | number | boolean | null | undefined {
  if (!node) return undefined;
  if (node.type === 'NumericLiteral' || node.type === 'StringLiteral' || node.type === 'BooleanLiteral')
    return (node as unknown as { value: string | number | boolean }).value;
  if (
    node.type === 'UnaryExpression' &&
    (node as { operator?: string }).operator === '-' &&
    (node as { argument: AstNode }).argument.type === 'NumericLiteral'
  ) {
    return -(node as unknown as { argument: { value: number } }).argument.value;
  }
  return undefined;
}

/** The static name of a member access: `a.b` and `a['b']` → `b`. */
export function memberKey(node: AstNode): string | null {
  const member = node as { property: AstNode & { name?: string; value?: string }; computed?: boolean };
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  if (!member.computed && member.property.type === 'Identifier') return member.property.name!;
  if (member.property.type === 'StringLiteral') return member.property.value!;
  return null;
}
