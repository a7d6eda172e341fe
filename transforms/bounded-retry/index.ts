import type { Node, Program } from '@babel/types';
import { TextEdits, insertImportLines } from '../../src/engine/codemod.ts';
import { moduleSpecifiers, plannedFileExists } from '../../src/analysis/module-specifier.ts';
import { parseSource } from '../../src/engine/parse.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { ModuleResolver } from '../../src/analysis/module-graph.ts';
import { RETRYING_SDKS, majorVersion, retryLoops, sdkClients, type RetryLoop } from '../../src/analysis/retry-loops.ts';
import { packageFor } from '../../src/project/packages.ts';
import type { PackageInfo, Project } from '../../src/project/types.ts';
import type { Finding } from '../../src/types.ts';
import { meta } from '../meta/bounded-retry.ts';
import { rewriteLoop, type Rewrite } from './rewrite-loop.ts';
import { retryModulePath, writeRetryModule } from './module.ts';
export { meta };

const CHECK = 'retry-without-backoff';

interface Settings {
  attempts: number;
  baseDelayMs: number;
}

export async function plan({ project, findings, changeset, options }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((finding) => finding.ruleId === CHECK);
  if (relevant.length === 0) return;
  const settings: Settings = { attempts: Number(options.attempts ?? 3), baseDelayMs: Number(options.baseDelayMs ?? 500) };
  const resolver = new ModuleResolver(project.root, plannedFileExists(project, changeset));
  const files = [...new Set(relevant.map((finding) => finding.file))].sort();
  const modules = new Map<string, string>();
  for (const file of files) {
    const pkg = packageFor(project.packages, file);
    if (!pkg) continue;
    const module = modules.get(pkg.dir) ?? retryModulePath(changeset, pkg, file);
    modules.set(pkg.dir, module);
    const used = await fixFile(
      project,
      changeset,
      resolver,
      pkg,
      file,
      relevant.filter((finding) => finding.file === file),
      module,
      settings,
    );
    if (used) await writeRetryModule(project, changeset, module, settings);
  }
}

/** Rewrites or notes each flagged retry of a file; whether the file now uses the retry module. */
async function fixFile(
  project: Project,
  changeset: Changeset,
  resolver: ModuleResolver,
  pkg: PackageInfo,
  file: string,
  findings: readonly Finding[],
  module: string,
  settings: Settings,
): Promise<boolean> {
  const source = changeset.read(file);
  if (source === null) return false;
  const ast = parseSource(file, source);
  const majors = (name: string) => majorVersion(pkg.dependencies[name] ?? pkg.devDependencies[name]);
  const loops = retryLoops(ast.program, majors);
  const edits = new TextEdits(source, file);
  const specifier = moduleSpecifiers(project, changeset)(file, module);
  let usesModule = false;
  let wrapped = false;
  const otherFiles = new Map<string, { file: string; start: number; end: number; text: string }>();
  const importsModule = /\bimport\s*\{[^}]*\bwithRetry\b[^}]*\}\s*from/.test(source);
  for (const finding of findings) {
    const loop = loops.find((candidate) => candidate.node.loc?.start.line === finding.line && candidate.faults.length > 0);
    if (!loop) continue;
    const rewrite = loop.kind === 'helper' ? null : planRewrite(changeset, resolver, file, ast.program, loop, settings);
    if (rewrite && rewriteLoop(loop, ast.program, source, edits, rewrite)) {
      if (rewrite.kind === 'withRetry') usesModule = wrapped = true;
      const clientEdit = rewrite.kind === 'sdk' ? rewrite.clientEdit : null;
      if (clientEdit && clientEdit.text !== '') {
        if (clientEdit.file === file) edits.replace(clientEdit.start, clientEdit.end, clientEdit.text);
        else otherFiles.set(`${clientEdit.file}:${clientEdit.start}`, clientEdit);
      }
      continue;
    }
    const at = statementStartOf(ast.program, loop.node);
    edits.todoAbove(at, todoText(loop, specifier, settings));
    usesModule = usesModule || loop.attemptKind !== 'sdk';
  }
  if (wrapped && !importsModule) insertImportLines(edits, ast.program, [`import { withRetry } from '${specifier}';`]);
  if (edits.changed) changeset.write(file, edits.apply());
  for (const edit of otherFiles.values()) {
    const text = changeset.read(edit.file);
    if (text === null) continue;
    const clientEdits = new TextEdits(text, edit.file);
    clientEdits.replace(edit.start, edit.end, edit.text);
    changeset.write(edit.file, clientEdits.apply());
  }
  return usesModule;
}

function todoText(loop: RetryLoop, specifier: string, settings: Settings): string {
  if (loop.attemptKind === 'sdk' && loop.client) {
    const sdk = RETRYING_SDKS[loop.client.sdk];
    return `drop this hand-written retry and let the ${sdk.title} client retry: set ${sdk.option}: ${settings.attempts - 1} where it is created`;
  }
  return `replace this hand-written retry with withRetry() from '${specifier}' (at most ${settings.attempts} calls, backoff with jitter, Retry-After honoured, no retry of 4xx)`;
}

/** Where a note about a retry goes: above the statement that holds it. */
function statementStartOf(program: Program, node: Node): number {
  let start = node.start!;
  const visit = (parent: Node): boolean => {
    const body = 'body' in parent && Array.isArray(parent.body) ? (parent.body as Node[]) : null;
    const list = body ?? (parent.type === 'SwitchCase' ? parent.consequent : null);
    for (const statement of list ?? []) {
      if (statement.start! <= node.start! && node.end! <= statement.end!) {
        start = statement.start!;
        return statement === node || visitChildren(statement);
      }
    }
    return false;
  };
  const visitChildren = (parent: Node): boolean => {
    for (const value of Object.values(parent)) {
      const children = Array.isArray(value) ? value : [value];
      for (const child of children)
        if (
          child &&
          typeof child === 'object' &&
          'type' in child &&
          (child as Node).start! <= node.start! &&
          node.end! <= (child as Node).end!
        )
          if (visit(child as Node) || visitChildren(child as Node)) return true;
    }
    return false;
  };
  visit(program);
  return start;
}

/**
 * How a loop is replaced: by `withRetry`, or, around an SDK that retries, by the plain call with the
 * client's own retries set where the client is made (in this module or the one it is imported from).
 */
function planRewrite(
  changeset: Changeset,
  resolver: ModuleResolver,
  file: string,
  program: Program,
  loop: RetryLoop,
  settings: Settings,
): Rewrite | null {
  if (loop.attemptKind === 'callback') return null;
  if (loop.attemptKind === 'fetch') return { kind: 'withRetry' };
  const client = loop.client!;
  const retries = settings.attempts - 1;
  if (client.construction) {
    const edit = clientOptionEdit(changeset.read(file)!, client.construction, client.sdk, retries);
    return edit ? { kind: 'sdk', clientEdit: { file, ...edit } } : null;
  }
  const target = client.importedFrom ? resolver.resolve(file, client.importedFrom)?.file : null;
  const text = target ? changeset.read(target) : null;
  if (!target || text === null) return loop.sdkRetries > 0 ? { kind: 'sdk', clientEdit: null } : null;
  let made;
  try {
    made = [...sdkClients(parseSource(target, text).program).values()].filter(
      (candidate) => candidate.construction && candidate.sdk === client.sdk,
    );
  } catch {
    return null;
  }
  if (made.length !== 1) return loop.sdkRetries > 0 ? { kind: 'sdk', clientEdit: null } : null;
  const edit = clientOptionEdit(text, made[0]!.construction!, client.sdk, retries);
  return edit ? { kind: 'sdk', clientEdit: { file: target, ...edit } } : null;
}

/** The edit that sets the client's retries option: a new property, a new options argument, or a new value. */
function clientOptionEdit(
  source: string,
  construction: NonNullable<RetryLoop['client']>['construction'] & object,
  sdkName: NonNullable<RetryLoop['client']>['sdk'],
  retries: number,
): { start: number; end: number; text: string } | null {
  const option = RETRYING_SDKS[sdkName].option;
  const index = sdkName === 'stripe' ? 1 : 0;
  const args = construction.arguments;
  const options = args[index];
  if (!options) {
    if (args.length !== index) return null;
    if (index === 0) {
      const open = source.indexOf('(', construction.callee.end!);
      return open < 0 || open > construction.end! ? null : { start: open + 1, end: open + 1, text: `{ ${option}: ${retries} }` };
    }
    const last = args[index - 1]!;
    return { start: last.end!, end: last.end!, text: `, { ${option}: ${retries} }` };
  }
  if (options.type !== 'ObjectExpression') return null;
  const existing = options.properties.find(
    (property) =>
      property.type === 'ObjectProperty' && !property.computed && property.key.type === 'Identifier' && property.key.name === option,
  );
  if (existing && existing.type === 'ObjectProperty') {
    const value = existing.value;
    if (value.type === 'NumericLiteral' && value.value === retries) return { start: value.start!, end: value.start!, text: '' };
    return { start: value.start!, end: value.end!, text: String(retries) };
  }
  const edits = new TextEdits(source);
  edits.appendProperty(options as never, `${option}: ${retries}`);
  const applied = edits.apply();
  // The append is one insertion: recover it as a span of the original text.
  let start = 0;
  while (start < source.length && source[start] === applied[start]) start++;
  const inserted = applied.length - source.length;
  return { start, end: start, text: applied.slice(start, start + inserted) };
}
