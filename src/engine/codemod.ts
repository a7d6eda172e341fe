import path from 'node:path';
import type { ASTPath, Collection, ImportDeclaration, ImportSpecifier, JSCodeshift, ObjectPattern, TryStatement, VariableDeclarator } from 'jscodeshift';
import type { Node, Program } from '@babel/types';

/** The chain of nodes from the program down to the path's parent, as the checks' visitors see it. */
export function ancestorsOf(path: ASTPath): Node[] {
  const chain: Node[] = [];
  for (let current = path.parent as ASTPath | null; current; current = current.parent as ASTPath | null) chain.unshift(current.node as unknown as Node);
  return chain;
}

/**
 * Leaves `// TODO(shipshape): <text>` above the statement holding the path, once: what a transform
 * cannot convert safely stays as it was, with a note for the person who can. False when already there.
 */
export function addTodo(j: JSCodeshift, path: ASTPath, text: string): boolean {
  const statement = j(path).closest(j.Statement);
  if (statement.length === 0) return false;
  let holder = statement.get() as ASTPath;
  // `export const x = …`: the note goes above the export, not between `export` and `const`.
  while (holder.parent && /^Export(Named|Default)Declaration$/.test(holder.parent.node.type)) holder = holder.parent;
  const node = holder.node as { comments?: Array<{ value: string }> };
  const note = `TODO(shipshape): ${text}`;
  node.comments ??= [];
  if (node.comments.some((comment) => comment.value.includes(note))) return false;
  node.comments.push(j.commentLine(` ${note}`, true, false) as unknown as { value: string });
  return true;
}

/** Source text for a template literal's raw part. */
export function templateRaw(cooked: string): string {
  return cooked.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** Adds `import { imported as local } from 'source'` (or `import local from …` for 'default') after the last import, once. */
export function addImport(j: JSCodeshift, root: Collection, source: string, imported: string, local: string): void {
  const existing = root.find(j.ImportDeclaration, { source: { value: source } });
  const present =
    imported === 'default'
      ? existing.find(j.ImportDefaultSpecifier, { local: { name: local } }).length > 0
      : existing.find(j.ImportSpecifier, { imported: { name: imported } }).filter((p: ASTPath<ImportSpecifier>) => (p.node.local?.name ?? imported) === local).length > 0;
  if (present) return;
  const specifier =
    imported === 'default' ? j.importDefaultSpecifier(j.identifier(local)) : j.importSpecifier(j.identifier(imported), local === imported ? null : j.identifier(local));
  const declaration = j.importDeclaration([specifier], j.stringLiteral(source));
  const imports = root.find(j.ImportDeclaration);
  if (imports.length > 0) imports.at(imports.length - 1).insertAfter(declaration);
  else root.get().node.program.body.unshift(declaration);
}

/**
 * Drops an import binding (or a `const { x } = require(…)` one) that nothing uses any more,
 * and the whole import when it held nothing else.
 */
export function removeUnusedBinding(j: JSCodeshift, root: Collection, name: string): void {
  const isBinding = (p: ASTPath) =>
    ['ImportSpecifier', 'ImportDefaultSpecifier', 'ImportNamespaceSpecifier'].includes(p.parent?.node.type) ||
    (p.parent?.node.type === 'ObjectProperty' && p.parent.parent?.node.type === 'ObjectPattern') ||
    (p.parent?.node.type === 'VariableDeclarator' && p.parent.node.id === p.node);
  if (root.find(j.Identifier, { name }).filter((p: ASTPath) => !isBinding(p)).length > 0) return;
  root.find(j.ImportDeclaration).forEach((p: ASTPath<ImportDeclaration>) => {
    const specifiers = p.node.specifiers ?? [];
    const kept = specifiers.filter((s) => s.local?.name !== name);
    if (kept.length === specifiers.length) return;
    if (kept.length === 0) j(p).remove();
    else p.node.specifiers = kept;
  });
  root
    .find(j.VariableDeclarator, { init: { type: 'CallExpression', callee: { name: 'require' } } })
    .filter((p: ASTPath<VariableDeclarator>) => p.node.id.type === 'ObjectPattern')
    .forEach((p: ASTPath<VariableDeclarator>) => {
      const pattern = p.node.id as ObjectPattern;
      pattern.properties = pattern.properties.filter((property) => !('value' in property && (property.value as { name?: string }).name === name));
      if (pattern.properties.length === 0) j(p).closest(j.VariableDeclaration).remove();
    });
  root
    .find(j.VariableDeclarator, { id: { type: 'Identifier', name }, init: { type: 'CallExpression', callee: { name: 'require' } } })
    .forEach((p: ASTPath<VariableDeclarator>) => {
      const declaration = j(p).closest(j.VariableDeclaration);
      if (declaration.get().node.declarations.length === 1) declaration.remove();
      else j(p).remove();
    });
}

/** Removes `name.method()` and `await name.method()` statements within a scope. */
export function removeMethodCalls(j: JSCodeshift, scope: Collection, name: string, method: string): void {
  scope
    .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { name }, property: { name: method } } })
    .forEach((call: ASTPath) => {
      const statement = j(call).closest(j.ExpressionStatement);
      if (statement.length > 0) statement.remove();
    });
}

/** A `try … finally {}` whose finally was emptied loses it; a `try` left with nothing to catch gives back its block. */
export function dropEmptyFinally(j: JSCodeshift, scope: Collection): void {
  scope.find(j.TryStatement).forEach((attempt: ASTPath<TryStatement>) => {
    if (!attempt.node.finalizer || attempt.node.finalizer.body.length > 0) return;
    if (attempt.node.handler) attempt.node.finalizer = null;
    else j(attempt).replaceWith(attempt.node.block.body);
  });
}

/** The import path from one project file to another, without extension. */
export function relativeImport(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.[cm]?[jt]sx?$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * Edits spliced into the original text at the parser's offsets, so everything around them keeps
 * its exact formatting (recast reprints a whole node it sees changed, with its own spacing).
 */
export class TextEdits {
  private readonly edits: Array<{ start: number; end: number; text: string }> = [];

  constructor(readonly source: string) {}

  insert(at: number, text: string): void {
    this.edits.push({ start: at, end: at, text });
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  apply(): string {
    let result = this.source;
    const ordered = this.edits.map((edit, order) => ({ ...edit, order })).sort((a, b) => b.start - a.start || b.order - a.order);
    for (const edit of ordered) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    return result;
  }

  /** The whitespace that starts the line holding `at`. */
  indentAt(at: number): string {
    const lineStart = this.source.lastIndexOf('\n', at - 1) + 1;
    return /^[ \t]*/.exec(this.source.slice(lineStart))![0];
  }

  /** `// TODO(shipshape): text` on its own line above the statement starting at `at`, once. */
  todoAbove(at: number, text: string): boolean {
    const lineStart = this.source.lastIndexOf('\n', at - 1) + 1;
    const previousLine = this.source.slice(this.source.lastIndexOf('\n', lineStart - 2) + 1, lineStart);
    const note = `TODO(shipshape): ${text}`;
    if (previousLine.includes(note) || this.edits.some((edit) => edit.start === lineStart && edit.text.includes(note))) return false;
    this.insert(lineStart, `${this.indentAt(at)}// ${note}\n`);
    return true;
  }

  /** Adds `property` as the last entry of the object literal spanning [start, end), in the object's own layout. */
  appendProperty(object: { start: number; end: number; properties: Array<{ end?: number | null }> }, property: string): void {
    const last = object.properties[object.properties.length - 1];
    if (!last) {
      this.replace(object.start, object.end, `{ ${property} }`);
      return;
    }
    const tail = this.source.slice(last.end!, object.end - 1);
    const trailingComma = /^\s*,/.test(tail);
    if (tail.includes('\n')) {
      const indent = this.indentAt(last.end!);
      const at = trailingComma ? last.end! + tail.indexOf(',') + 1 : last.end!;
      this.insert(at, `${trailingComma ? '' : ','}\n${indent}${property}${trailingComma ? ',' : ''}`);
    } else {
      this.insert(last.end!, `, ${property}`);
    }
  }
}

/** The start of the statement holding a path, above any `export` around it: where a note about it goes. */
export function statementStart(j: JSCodeshift, path: ASTPath): number | null {
  const statement = j(path).closest(j.Statement);
  if (statement.length === 0) return null;
  let holder = statement.get() as ASTPath;
  while (holder.parent && /^Export(Named|Default)Declaration$/.test(holder.parent.node.type)) holder = holder.parent;
  return (holder.node as { start?: number }).start ?? null;
}

/** Adds import lines after the module's last import (or its directives), where a reader looks for them. */
export function insertImportLines(edits: TextEdits, program: Program, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const lastImport = [...program.body].reverse().find((statement) => statement.type === 'ImportDeclaration');
  const at = lastImport?.end ?? program.directives.at(-1)?.end ?? null;
  if (at === null) edits.insert(0, `${lines.join('\n')}\n\n`);
  else edits.insert(at, `\n${lines.join('\n')}`);
}
