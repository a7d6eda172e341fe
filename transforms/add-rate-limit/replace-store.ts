import type { BlockStatement, CallExpression, ImportDeclaration, Node, Program } from '@babel/types';
import { TextEdits, insertImportLines } from '../../src/engine/codemod.ts';
import { moduleSpecifiers } from '../../src/analysis/module-specifier.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { forEachNode } from '../../src/engine/walk.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { enclosingFunction } from '../../src/engine/ast.ts';
import { ModuleResolver } from '../../src/analysis/module-graph.ts';
import { requestHandlers } from '../../src/analysis/request-handlers.ts';
import type { Finding } from '../../src/types.ts';
import { storeReplacement } from './memory-store.ts';

type Context = Pick<ProjectTransformContext, 'project' | 'changeset'>;

/** The import of `names` from the limiter, or the names added to an import of it the file already has. */
export function importLines(program: Program, specifier: string, names: readonly string[], edits: TextEdits): string[] {
  const existing = program.body.find(
    (statement): statement is ImportDeclaration => statement.type === 'ImportDeclaration' && statement.source.value === specifier,
  );
  if (!existing) return [`import { ${names.join(', ')} } from '${specifier}';`];
  const have = new Set(existing.specifiers.map((s) => s.local.name));
  const missing = names.filter((name) => !have.has(name));
  const last = existing.specifiers.at(-1);
  if (missing.length > 0 && last?.type === 'ImportSpecifier') edits.insert(last.end!, `, ${missing.join(', ')}`);
  return [];
}

/** A call of the helper that now returns a promise, in the file that makes it. */
export interface CallSite {
  file: string;
  call: CallExpression;
  awaited: boolean;
  inAsync: boolean;
  /** `!checkRateLimit(req)`: the await needs parentheses to read as the code meant. */
  operand: boolean;
}

/** Every call of `name` from `file` in the package: in the file itself, and where another module imports it. */
export function callSites({ project, changeset }: Context, file: string, name: string, exported: boolean): CallSite[] | null {
  const sites: CallSite[] = [];
  const files = new Set(project.files);
  const resolver = new ModuleResolver(project.root, (candidate) => files.has(candidate));
  for (const other of project.files) {
    if ((other !== file && !exported) || !/\.[cm]?[jt]sx?$/.test(other)) continue;
    const text = changeset.read(other);
    if (text === null || !text.includes(name)) continue;
    let program: Program;
    try {
      program = parseSource(other, text).program;
    } catch {
      return null;
    }
    let local = other === file ? name : null;
    if (other !== file) {
      const imported = program.body.find(
        (statement): statement is ImportDeclaration =>
          statement.type === 'ImportDeclaration' && resolver.resolve(other, statement.source.value)?.file === file,
      );
      const specifier = imported?.specifiers.find(
        (s) => s.type === 'ImportSpecifier' && (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value) === name,
      );
      // A namespace import or a re-export hands the helper on where its calls cannot be followed.
      if (imported?.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier')) return null;
      local = specifier?.local.name ?? null;
    }
    if (local === null) continue;
    let escapes = false;
    forEachNode(program, (node, ancestors) => {
      if (node.type !== 'Identifier' || node.name !== local) return;
      const parent = ancestors.at(-1);
      if (parent?.type === 'CallExpression' && parent.callee === node) {
        const fn = enclosingFunction(ancestors) as { async?: boolean } | null;
        const outer = ancestors.at(-2);
        sites.push({
          file: other,
          call: parent,
          awaited: outer?.type === 'AwaitExpression',
          inAsync: Boolean(fn?.async),
          operand: outer?.type === 'UnaryExpression' || (outer?.type === 'MemberExpression' && outer.object === parent),
        });
      } else if (
        parent &&
        !((parent.type === 'FunctionDeclaration' || parent.type === 'VariableDeclarator') && parent.id === node) &&
        !(parent.type === 'ImportSpecifier' || parent.type === 'ExportSpecifier') &&
        !(
          (parent.type === 'MemberExpression' || parent.type === 'ObjectProperty') &&
          (parent as { key?: Node; property?: Node }).property === node
        )
      )
        escapes = true;
    });
    // Handed on as a value (`checks.push(checkRateLimit)`), its callers cannot all be found.
    if (escapes) return null;
  }
  return sites;
}

export function awaitCall(edits: TextEdits, site: CallSite): void {
  edits.insert(site.call.start!, site.operand ? '(await ' : 'await ');
  if (site.operand) edits.insert(site.call.end!, ')');
}

/** Where the limiter's key starts: the route of the file's handler, else the module's path. */
function scopeOf(context: Context, file: string, program: Program): string {
  const handler = requestHandlers(file, { type: 'File', program } as never, context.project)[0];
  return handler ? (handler.route ?? `action:${handler.name}`) : file.replace(/\.[cm]?[jt]sx?$/, '');
}

/** The lines of a statement, with the line break after it. */
export function wholeLines(source: string, statement: { start?: number | null; end?: number | null }): [number, number] {
  const start = source.lastIndexOf('\n', statement.start! - 1) + 1;
  const newline = source.indexOf('\n', statement.end!);
  return [start, newline < 0 ? source.length : newline + 1];
}

/** A range of whole lines to remove, taking one of the blank lines around it when it sits between two. */
export function removal(source: string, start: number, end: number): [number, number] {
  const blankBefore = start === 0 || /\n\r?\n$/.test(source.slice(0, start));
  const blankAfter = /^\r?\n/.exec(source.slice(end));
  return [start, blankBefore && blankAfter ? end + blankAfter[0].length : end];
}

/** The stores of a file whose limiter has a shape `replaceStore` can replace. */
export function replaceableStores(context: Context, file: string, names: readonly string[]): string[] {
  const source = context.changeset.read(file);
  if (source === null) return [];
  const ast = parseSource(file, source);
  const fns = requestHandlers(file, ast, context.project).map((handler) => handler.fn);
  return names.filter((name) => storeReplacement(ast.program, source, name, fns) !== null);
}

/**
 * Replaces the in-memory limiter behind a store finding with calls of the shared `rateLimit()`, with
 * the limit and window the code had, and drops the store once nothing uses it. False when the shape
 * is not plain enough to replace safely (the caller then leaves a TODO).
 */
export function replaceStore(context: Context, finding: Finding, module: string): boolean {
  const { changeset } = context;
  const file = finding.file;
  const source = changeset.read(file);
  if (source === null) return false;
  const ast = parseSource(file, source);
  const program = ast.program;
  const name = String(finding.data?.name ?? '');
  const declaration = program.body.find(
    (statement) =>
      statement.type === 'VariableDeclaration' && statement.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name),
  );
  if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) return false;
  const id = declaration.declarations[0]!.id;
  if (id.type !== 'Identifier') return false;
  const handlers = requestHandlers(file, ast, context.project);
  const replacement = storeReplacement(
    program,
    source,
    id.name,
    handlers.map((handler) => handler.fn),
  );
  if (!replacement) return false;
  const scope = scopeOf(context, file, program);
  const call = `rateLimit(\`${scope}:\${${replacement.keyText}}\`, { limit: ${replacement.settings.limitText}, windowSeconds: ${replacement.settings.windowText} })`;
  const edits = new TextEdits(source, file);
  const elsewhere: Array<{ file: string; sites: CallSite[] }> = [];
  if (replacement.kind === 'helper') {
    const fn = replacement.fn;
    const exported = program.body.some((statement) => statement.type === 'ExportNamedDeclaration' && statement.declaration === fn);
    const sites = callSites(context, file, fn.id!.name, exported);
    if (sites === null || sites.some((site) => !site.inAsync && !site.awaited)) return false;
    const body = fn.body as BlockStatement;
    const indent = edits.indentAt(body.body[0]?.start ?? fn.start!);
    const answer = replacement.trueMeansRefused ? '!rate.allowed' : 'rate.allowed';
    const outer = edits.indentAt(fn.start!);
    const keyLines = replacement.keyStatements.map((statement) => `${indent}${source.slice(statement.start!, statement.end!)}\n`).join('');
    edits.replace(body.start!, body.end!, `{\n${keyLines}${indent}const rate = await ${call};\n${indent}return ${answer};\n${outer}}`);
    edits.insert(fn.start!, 'async ');
    if (fn.returnType?.type === 'TSTypeAnnotation') {
      const annotation = fn.returnType.typeAnnotation;
      edits.replace(annotation.start!, annotation.end!, `Promise<${source.slice(annotation.start!, annotation.end!)}>`);
    }
    for (const site of sites.filter((s) => s.file === file && !s.awaited)) awaitCall(edits, site);
    for (const other of new Set(sites.filter((s) => s.file !== file && !s.awaited).map((s) => s.file)))
      elsewhere.push({ file: other, sites: sites.filter((s) => s.file === other && !s.awaited) });
  } else {
    const first = replacement.statements[0]!;
    const last = replacement.statements.at(-1)!;
    const indent = edits.indentAt(first.start!);
    const refusal = source.slice(replacement.refusal.start!, replacement.refusal.end!);
    edits.replace(first.start!, last.end!, `const rate = await ${call};\n${indent}if (!rate.allowed) ${refusal}`);
    if (!replacement.fn.async) edits.insert(replacement.fn.start!, 'async ');
  }
  // Inserted before the removals are recorded, so an import at the file's start lands before what they remove.
  insertImportLines(
    edits,
    program,
    importLines(program, moduleSpecifiers(context.project, context.changeset)(file, module), ['rateLimit'], edits),
  );
  for (const cleanup of replacement.cleanups) edits.replace(...removal(source, ...wholeLines(source, cleanup)), '');
  const [start, end] = wholeLines(source, declaration);
  edits.replace(...removal(source, introducingComment(source, start), end), '');
  changeset.write(file, dropUnused(file, edits.apply()));
  for (const { file: other, sites } of elsewhere) {
    const text = changeset.read(other)!;
    const otherEdits = new TextEdits(text, other);
    for (const site of sites) awaitCall(otherEdits, site);
    changeset.write(other, otherEdits.apply());
  }
  return true;
}

/** Where the `//` lines right above a line start, when they speak of the in-memory limit the line declares. */
export function introducingComment(source: string, lineStart: number, about = /memory|rate|limit/i): number {
  let start = lineStart;
  while (start > 0) {
    const previous = source.lastIndexOf('\n', start - 2) + 1;
    const line = source.slice(previous, start).trim();
    if (!line.startsWith('//') || !about.test(line)) break;
    start = previous;
  }
  return start;
}

/** Module-level `let`s and `const`s that only the replaced limiter read (`let lastCleanup = Date.now()`). */
function dropUnused(file: string, source: string): string {
  const program = parseSource(file, source).program;
  const used = new Map<string, number>();
  forEachNode(program, (node) => {
    if (node.type === 'Identifier') used.set(node.name, (used.get(node.name) ?? 0) + 1);
  });
  const edits = new TextEdits(source, file);
  for (const statement of program.body) {
    if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) continue;
    const { id, init } = statement.declarations[0]!;
    const plain = !init || init.type === 'NumericLiteral' || /^Date\.now\(\)$/.test(source.slice(init.start!, init.end!));
    if (id.type === 'Identifier' && plain && used.get(id.name) === 1 && /cleanup|last|prune/i.test(id.name))
      edits.replace(...removal(source, ...wholeLines(source, statement)), '');
  }
  return edits.changed ? edits.apply() : source;
}
