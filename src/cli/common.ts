import { pc } from '../engine/picocolors.ts';
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from '../engine/durable-fs.ts';
import { gitDirtyFiles, gitTopLevel } from '../project/git.ts';
import { loadProject } from '../project/load-project.ts';
import { rememberEnvValues } from '../secrets/redact.ts';
import type { Project } from '../project/types.ts';
import type { CheckInfo } from '../types.ts';
import { coerce, describeAnswer } from '../engine/answers.ts';
import type { Question } from '../engine/transform-types.ts';
import { colorEnabled, fromCwd, io } from './io.ts';

export { colorEnabled };

export { EXIT, VERSION } from './constants.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  quiet: boolean;
}

/** Logs and progress go to stderr, so stdout carries only results. */
export function createLogger(quiet: boolean): Logger {
  const { stderr } = io();
  const colors = pc.createColors(colorEnabled(stderr));
  return {
    quiet,
    info: (message) => {
      if (!quiet) stderr.write(`${message}\n`);
    },
    warn: (message) => stderr.write(`${colors.yellow('warning:')} ${message}\n`),
  };
}

/** Results to --output (atomically) or stdout. */
export function emit(text: string, output?: string): void {
  if (output) writeFileAtomic(fromCwd(output), text);
  else io().stdout.write(text);
}

/** The project, with its env values remembered so that no output of this process shows them. */
export function load(dir: string, knownCheckIds: ReadonlySet<string>): Project {
  const project = loadProject(dir, { knownCheckIds, cwd: io().cwd });
  rememberEnvValues(project.root, project.envFiles);
  return project;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

export function splitList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** `--only` and `--skip` take check ids or categories. */
export function selectChecks<T extends CheckInfo>(checks: readonly T[], only: string[], skip: string[]): T[] {
  const ids = new Set(checks.map((check) => check.meta.id));
  const categories = new Set(checks.map((check) => check.meta.category));
  for (const word of [...only, ...skip]) {
    if (ids.has(word) || categories.has(word)) continue;
    const suggestion = closest(word, [...ids, ...categories]);
    throw new UsageError(
      `unknown check or category "${word}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      'run `shipshape list` to see every check id and category',
    );
  }
  const matches = (check: T, words: string[]) => words.includes(check.meta.id) || words.includes(check.meta.category);
  return checks.filter((check) => (only.length === 0 || matches(check, only) || check.meta.id === 'parse-error') && !matches(check, skip));
}

/** Writing commands refuse uncommitted changes, which an apply could mix with its own. */
export function assertCleanTree(root: string, allowDirty: boolean, logger: Logger): void {
  if (gitTopLevel(root) === null) {
    logger.warn('not a git repository: there is no git history to fall back on (`shipshape undo` still works)');
    return;
  }
  if (allowDirty) return;
  const dirty = gitDirtyFiles(root).filter((file) => !file.startsWith('.shipshape/'));
  if (dirty.length === 0) return;
  const shown = dirty.slice(0, 10).join(', ') + (dirty.length > 10 ? `, and ${dirty.length - 10} more` : '');
  throw new UsageError(`the git tree has uncommitted changes: ${shown}`, 'commit or stash them first, or pass --allow-dirty');
}

/** `--option key=value` pairs as given; `sql` checks its own keys, which name tables. */
export function splitOptionPairs(pairs: string[] | undefined, example = 'pageSize=100'): Record<string, string> {
  const options: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option expects key=value, got "${pair}"`, `for example --option ${example}`);
    options[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return options;
}

/** `--option key=value` pairs, each key one of `questions` and each value one its question accepts. */
export function parseOptionPairs(pairs: string[] | undefined, questions: readonly Question[]): Record<string, string> {
  const options = splitOptionPairs(pairs);
  const known = new Map(questions.map((question) => [question.name, question]));
  for (const [key, value] of Object.entries(options)) {
    const question = known.get(key);
    if (!question) {
      const suggestion = closest(key, known.keys());
      throw new UsageError(
        `unknown option "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        known.size > 0
          ? `known options: ${[...known.values()].map((q) => `${q.name} (${describeAnswer(q)})`).join(', ')}`
          : 'this command asks no questions: drop --option',
      );
    }
    coerce(question, value, `--option ${key}`);
  }
  return options;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
