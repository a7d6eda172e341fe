import type {
  ASTPath,
  Collection,
  ImportDeclaration,
  ImportSpecifier,
  JSCodeshift,
  ObjectPattern,
  TryStatement,
  VariableDeclarator,
} from 'jscodeshift';
import type { Node, Program } from '@babel/types';
import { followStyle, sourceStyle } from './print-style.ts';

export { sourceTree } from './source-tree.ts';

/** The chain of nodes from the program down to the path's parent, as the checks' visitors see it. */
export function ancestorsOf(path: ASTPath): Node[] {
  const chain: Node[] = [];
  for (let current = path.parent as ASTPath | null; current; current = current.parent as ASTPath | null)
    chain.unshift(current.node as unknown as Node);
  return chain;
}

export const TODO_PREFIX = 'TODO(shipshape): ';

/** A TODO's text as one line: a note quoting code that spans lines must not end its own line comment. */
export function todoNote(text: string): string {
  return `${TODO_PREFIX}${text.replace(/\s*\r?\n\s*/g, ' ')}`;
}

/**
 * The statement a note about a path goes above: the statement holding it, or the `if`, loop,
 * label or `export` around that statement when it is not one of a list. A comment between a
 * statement and its parent (`if (x) // note`) would be read back as the parent's, and the note
 * added again on the next run.
 */
export function noteTarget(j: JSCodeshift, path: ASTPath): ASTPath | null {
  const isStatement = (node: { type: string }) => /(Statement|Declaration)$/.test(node.type);
  let holder: ASTPath | null = isStatement(path.node) ? path : ((j(path).closest(j.Statement).paths()[0] as ASTPath | undefined) ?? null);
  while (holder?.parent && !Array.isArray(holder.parentPath?.value)) {
    const parent = holder.parent as ASTPath;
    holder = isStatement(parent.node) ? parent : ((j(parent).closest(j.Statement).paths()[0] as ASTPath | undefined) ?? null);
  }
  return holder;
}

/**
 * Leaves `// TODO(shipshape): <text>` above the statement holding the path, once: what a transform
 * cannot convert safely stays as it was, with a note for the person who can. False when already there.
 */
export function addTodo(j: JSCodeshift, path: ASTPath, text: string): boolean {
  const holder = noteTarget(j, path);
  return holder ? addTodoAbove(j, holder.node, text) : false;
}

/** Leaves `// TODO(shipshape): <text>` above a statement, once. False when already there. */
export function addTodoAbove(j: JSCodeshift, statement: object, text: string): boolean {
  const node = statement as { comments?: Array<{ value: string }> };
  const note = todoNote(text);
  node.comments ??= [];
  if (node.comments.some((comment) => comment.value.includes(note))) return false;
  node.comments.push(j.commentLine(` ${note}`, true, false) as unknown as { value: string });
  return true;
}

/** Source text for a template literal's raw part. */
export function templateRaw(cooked: string): string {
  return cooked.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/**
 * `import { imported as local } from 'source'` (`import local from …` for 'default'), once: joined to
 * a value import of that source when there is one, else a new line after the last import.
 */
export function addImport(j: JSCodeshift, root: Collection, source: string, imported: string, local: string = imported): void {
  const existing = root
    .find(j.ImportDeclaration, { source: { value: source } })
    .filter((p: ASTPath) => (p.node as { importKind?: string }).importKind !== 'type');
  const present =
    imported === 'default'
      ? existing.find(j.ImportDefaultSpecifier, { local: { name: local } }).length > 0
      : existing
          .find(j.ImportSpecifier, { imported: { name: imported } })
          .filter((p: ASTPath<ImportSpecifier>) => (p.node.local?.name ?? imported) === local).length > 0;
  if (present) return;
  const specifier =
    imported === 'default'
      ? j.importDefaultSpecifier(j.identifier(local))
      : j.importSpecifier(j.identifier(imported), local === imported ? null : j.identifier(local));
  const target = existing.paths()[0] as ASTPath<ImportDeclaration> | undefined;
  if (target && imported !== 'default' && !(target.node.specifiers ?? []).some((s) => s.type === 'ImportNamespaceSpecifier')) {
    target.node.specifiers = [...(target.node.specifiers ?? []), specifier];
    return;
  }
  addImportDeclaration(j, root, j.importDeclaration([specifier], j.stringLiteral(source)));
}

/** `import type { name } from 'source'`, joining an existing type import of that source; once. */
export function addTypeImport(j: JSCodeshift, root: Collection, source: string, name: string): void {
  const all = root.find(j.ImportDeclaration, { source: { value: source } });
  if (all.find(j.ImportSpecifier, { imported: { name } }).length > 0) return;
  const typeImport = all.filter((p: ASTPath) => (p.node as { importKind?: string }).importKind === 'type').paths()[0] as
    ASTPath<ImportDeclaration> | undefined;
  if (typeImport) {
    typeImport.node.specifiers = [...(typeImport.node.specifiers ?? []), j.importSpecifier(j.identifier(name))];
    return;
  }
  const declaration = j.importDeclaration([j.importSpecifier(j.identifier(name))], j.stringLiteral(source));
  (declaration as { importKind?: string }).importKind = 'type';
  addImportDeclaration(j, root, declaration);
}

function addImportDeclaration(j: JSCodeshift, root: Collection, declaration: ImportDeclaration): void {
  const imports = root.find(j.ImportDeclaration);
  if (imports.length > 0) imports.at(imports.length - 1).insertAfter(declaration);
  else (root.find(j.Program).get().node as { body: unknown[] }).body.unshift(declaration);
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
      pattern.properties = pattern.properties.filter(
        (property) => !('value' in property && (property.value as { name?: string }).name === name),
      );
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

/**
 * Edits spliced into the original text at the parser's offsets, so everything around them keeps
 * its exact formatting (recast reprints a whole node it sees changed, with its own spacing).
 * Offsets are in the file's own text (see `sourceTree`). Inserted text is written with `\n` and
 * lands with the file's line ending, never before a byte order mark, and in the file's own quotes
 * and semicolons.
 */
export class TextEdits {
  private readonly edits: Array<{ start: number; end: number; text: string }> = [];

  /** `file` names the module only to pick the syntax its inserted code is checked in. */
  constructor(
    readonly source: string,
    private readonly file?: string,
  ) {}

  insert(at: number, text: string): void {
    this.edits.push({ start: at, end: at, text });
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  /** The edits so far, in the order they were made: to replay on another instance once they all succeeded. */
  planned(): ReadonlyArray<{ start: number; end: number; text: string }> {
    return this.edits;
  }

  apply(): string {
    const style = sourceStyle(this.source);
    const bom = this.source.startsWith('\ufeff') ? 1 : 0;
    let result = this.source;
    const inserted: Array<[number, number]> = [];
    const ordered = this.edits.map((edit, order) => ({ ...edit, order })).sort((a, b) => b.start - a.start || b.order - a.order);
    for (const edit of ordered) {
      const start = Math.max(edit.start, bom);
      const end = Math.max(edit.end, start);
      const text = edit.text.replace(/\r?\n/g, style.lineEnding);
      result = result.slice(0, start) + text + result.slice(end);
      const shift = text.length - (end - start);
      for (const range of inserted) {
        if (range[0] >= end) {
          range[0] += shift;
          range[1] += shift;
        }
      }
      inserted.push([start, start + text.length]);
    }
    return followStyle(result, style, inserted, this.file);
  }

  /** Where the line holding `at` starts: after the line break before it, or after a byte order mark. */
  lineStart(at: number): number {
    return Math.max(this.source.lastIndexOf('\n', at - 1) + 1, this.source.startsWith('\ufeff') ? 1 : 0);
  }

  /** The whitespace that starts the line holding `at`. */
  indentAt(at: number): string {
    return /^[ \t]*/.exec(this.source.slice(this.lineStart(at)))![0];
  }

  /** `// TODO(shipshape): text` on its own line above the statement starting at `at`, once. */
  todoAbove(at: number, text: string): boolean {
    const lineStart = this.lineStart(at);
    const previousLine = this.source.slice(this.source.lastIndexOf('\n', lineStart - 2) + 1, lineStart);
    const note = todoNote(text);
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

/** The start of the statement a note about a path goes above (see `noteTarget`). */
export function statementStart(j: JSCodeshift, path: ASTPath): number | null {
  return (noteTarget(j, path)?.node as { start?: number } | undefined)?.start ?? null;
}

/** Adds import lines after the module's last import (or its directives), where a reader looks for them. */
export function insertImportLines(edits: TextEdits, program: Program, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const lastImport = [...program.body].reverse().find((statement) => statement.type === 'ImportDeclaration');
  const at = lastImport?.end ?? program.directives.at(-1)?.end ?? null;
  if (at === null) edits.insert(0, `${lines.join('\n')}\n\n`);
  else edits.insert(at, `\n${lines.join('\n')}`);
}
