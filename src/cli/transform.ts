import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import { applyWithJournal, ignoreStateDir } from '../engine/apply.ts';
import { Changeset, diskReader } from '../engine/changeset.ts';
import { printableDiff, unifiedDiff } from '../engine/diff.ts';
import { planFileTransform, planTransform } from '../engine/run-transform.ts';
import { optionQuestions, resolveAnswers } from '../engine/answers.ts';
import { scan } from '../engine/scan.ts';
import type { FileTransform } from '../engine/transform-types.ts';
import { createTypeGate, type HeldBack, type TypeGate } from '../engine/type-gate.ts';
import { listProjectFiles, readTextFile, toPosix } from '../project/files.ts';
import { gitTopLevel } from '../project/git.ts';
import { isSourceFile } from '../project/load-project.ts';
import type { Project } from '../project/types.ts';
import { CHECK_IDS, TRANSFORM_ENTRIES, checksFixedBy, loadTransform } from '../registry.ts';
import { heldBackLines, renderApplySummary } from './apply-summary.ts';
import { EXIT, assertCleanTree, closest, collect, colorEnabled, createLogger, emit, load, parseOptionPairs } from './common.ts';
import { fromCwd, io } from './io.ts';

interface TransformFlags {
  dryRun?: boolean;
  option?: string[];
  json?: boolean;
  allowDirty?: boolean;
  quiet?: boolean;
}

interface FileOutcome {
  file: string;
  reason?: string;
  /** Set when shipshape itself failed on the file: the transform wrote code that does not parse. */
  internal?: string;
}

interface TransformSummary {
  transform: string;
  changed: FileOutcome[];
  unchanged: FileOutcome[];
  skipped: FileOutcome[];
  failed: FileOutcome[];
  /** Changes not made because they add a TypeScript error. */
  heldBack: HeldBack[];
}

/** The files a path names: itself, or what a folder holds (git-aware, build output skipped). */
function expandPaths(root: string, inputs: string[]): string[] {
  const files = new Set<string>();
  for (const input of inputs) {
    const absolute = fromCwd(input);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      throw new UsageError(`no such file or directory: ${input}`, 'pass files or folders that exist');
    }
    const relative = toPosix(path.relative(root, absolute));
    if (relative.startsWith('..')) throw new UsageError(`${input} is outside ${root}`, 'run the command from inside the project');
    if (stat.isFile()) files.add(relative);
    else for (const file of listProjectFiles(absolute, gitTopLevel(absolute) !== null)) files.add(relative ? `${relative}/${file}` : file);
  }
  return [...files].sort();
}

export function registerTransform(program: Command, setExit: (code: number) => void): void {
  program
    .command('transform')
    .description('run one transform over files and folders')
    .argument('<id>', 'the transform id (see `shipshape list`)')
    .argument('<paths...>', 'files and folders to transform (a project transform takes the app folder)')
    .option('--dry-run', 'print the unified diff; write nothing')
    .option('--option <key=value>', "answer the transform's question (repeatable)", collect)
    .option('--json', 'print a summary of changed, unchanged, skipped and failed files')
    .option('--allow-dirty', 'run even when the git tree has uncommitted changes')
    .option('--quiet', 'no log lines on stderr')
    .action(async (id: string, inputs: string[], flags: TransformFlags) => {
      const logger = createLogger(Boolean(flags.quiet || flags.json));
      const transform = await loadTransform(id);
      if (!transform) {
        const suggestion = closest(
          id,
          TRANSFORM_ENTRIES.map((t) => t.meta.id),
        );
        throw new UsageError(
          `unknown transform "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          'run `shipshape list` to see the transforms',
        );
      }
      const cliOptions = parseOptionPairs(flags.option, optionQuestions([transform]));
      const summary: TransformSummary = { transform: id, changed: [], unchanged: [], skipped: [], failed: [], heldBack: [] };
      let root: string;
      let changeset: Changeset;

      if (transform.kind === 'project') {
        if (inputs.length !== 1) throw new UsageError(`${id} is a project transform: pass one app folder`, `shipshape transform ${id} .`);
        const project = load(inputs[0]!, CHECK_IDS);
        root = project.root;
        const checks = checksFixedBy(id);
        const { findings } = await scan(project, { checks });
        changeset = new Changeset(diskReader(root));
        const planned = await planTransform(
          project,
          transform,
          findings,
          resolveAnswers(transform, cliOptions, project.config.answers),
          changeset,
        );
        const typeGate = await gateFor(project, logger);
        if (typeGate) summary.heldBack.push(...(await typeGate.holdBack(transform, planned.changeset, changeset)));
        changeset.merge(planned.changeset);
        summary.failed.push(...planned.failures);
      } else {
        root = gitTopLevel(io().cwd) ?? io().cwd;
        changeset = new Changeset(diskReader(root));
        const files = expandPaths(root, inputs);
        const project = load(root, CHECK_IDS);
        const answers = resolveAnswers(transform, cliOptions, project.config.answers);
        const worthParsing = await filesWithFindings(project, transform, files, summary);
        await transformFiles(root, transform, files, worthParsing, answers, changeset, summary, await gateFor(project, logger));
      }
      const changes = changeset.changes();
      summary.changed = changes.map((change) => ({ file: change.path }));
      if (!flags.dryRun && changes.length > 0) {
        assertCleanTree(root, Boolean(flags.allowDirty), logger);
        ignoreStateDir(changeset);
      }
      const journal = !flags.dryRun && changes.length > 0 ? applyWithJournal(root, changeset.changes(), `transform ${id}`) : null;
      const printable = printableDiff(unifiedDiff(changes, changeset.renames()));
      if (flags.dryRun && printable.masked) logger.warn('secrets in the diff are masked, so those hunks will not apply');
      if (flags.json) {
        emit(`${JSON.stringify({ ...summary, ...(flags.dryRun ? { diff: printable.text } : {}), journal }, null, 2)}\n`);
      } else if (flags.dryRun) {
        emit(printable.text);
      } else {
        io().stdout.write(
          renderApplySummary(
            changes,
            changeset.followUps,
            summary.failed.map((f) => ({ ...f, reason: f.reason ?? '' })),
            journal,
            colorEnabled(io().stdout),
          ),
        );
      }
      if (!flags.json && summary.heldBack.length > 0) {
        (flags.dryRun ? io().stderr : io().stdout).write(
          `${heldBackLines(summary.heldBack, !flags.dryRun, colorEnabled(io().stdout)).join('\n')}\n`,
        );
      }
      logger.info(
        `${id}: ${summary.changed.length} changed, ${summary.unchanged.length} unchanged, ${summary.skipped.length} skipped, ${summary.failed.length} failed, ${summary.heldBack.length} held back`,
      );
      setExit(
        summary.failed.some((f) => f.internal)
          ? EXIT.internal
          : summary.failed.length > 0 || summary.heldBack.length > 0
            ? EXIT.findings
            : EXIT.ok,
      );
    });
}

/** The type gate where the project's dependencies are installed; otherwise it says once why not. */
async function gateFor(project: Project, logger: { info(message: string): void }): Promise<TypeGate | null> {
  const { gate, skipped } = await createTypeGate(project);
  if (skipped) logger.info(`type gate skipped: ${skipped}`);
  return gate;
}

/**
 * The checks whose fix this transform is find, with one fast parse, the files it will change, so
 * recast (ten times slower) parses only those. Null when no check screens for the transform.
 */
async function filesWithFindings(
  project: Project,
  transform: FileTransform,
  files: string[],
  summary: TransformSummary,
): Promise<Set<string> | null> {
  const screening = checksFixedBy(transform.meta.id).filter((check) => check.kind === 'file');
  if (screening.length === 0 || files.length === 0) return null;
  const wants = transform.meta.files ?? isSourceFile;
  const { findings } = await scan({ ...project, files: files.filter(wants) }, { checks: screening });
  for (const finding of findings.filter((f) => f.ruleId === 'parse-error'))
    summary.failed.push({ file: finding.file, reason: `${finding.message} (${finding.line}:${finding.column})` });
  return new Set(findings.filter((f) => f.ruleId !== 'parse-error').map((f) => f.file));
}

async function transformFiles(
  root: string,
  transform: FileTransform,
  files: string[],
  worthParsing: Set<string> | null,
  answers: Record<string, string | number | boolean>,
  changeset: Changeset,
  summary: TransformSummary,
  typeGate: TypeGate | null,
): Promise<void> {
  const wants = transform.meta.files ?? isSourceFile;
  const failed = new Set(summary.failed.map((failure) => failure.file));
  for (const file of files) {
    if (!wants(file)) {
      summary.skipped.push({ file, reason: 'not a file this transform handles' });
      continue;
    }
    if (failed.has(file)) continue;
    if (worthParsing && !worthParsing.has(file)) {
      summary.unchanged.push({ file });
      continue;
    }
    const read = readTextFile(path.join(root, file));
    if (!read.ok) {
      summary.skipped.push({ file, reason: read.reason });
      continue;
    }
    if (transform.meta.prefilter && !transform.meta.prefilter.some((needle) => read.text.includes(needle))) {
      summary.unchanged.push({ file });
      continue;
    }
    const planned = await planFileTransform(root, transform, [file], answers, changeset);
    const held = typeGate ? await typeGate.holdBack(transform, planned.changeset, changeset) : [];
    summary.heldBack.push(...held);
    if (planned.failures.length > 0) summary.failed.push(...planned.failures);
    else if (planned.changeset.changes().length === 0 && held.length === 0) summary.unchanged.push({ file });
    changeset.merge(planned.changeset);
  }
}
