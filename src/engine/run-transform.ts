import type { JSCodeshift } from 'jscodeshift';
import type { Project } from '../project/types.ts';
import type { Finding } from '../types.ts';
import { Changeset } from './changeset.ts';
import { loadSqlParser } from '../sql/sql-reader.ts';
import { formatIfConfigured } from './format.ts';
import { brokenByChange } from './parse-gate.ts';
import type { Answers, FileTransform, Transform } from './transform-types.ts';

let jscodeshift: JSCodeshift | null = null;

/** Runs a jscodeshift transform on one source; null when it changes nothing. */
export async function runFileTransform(transform: FileTransform, file: string, source: string, options: Answers): Promise<string | null> {
  // Loaded on first use: scanning never needs it.
  jscodeshift ??= (await import('jscodeshift')).default;
  const j = jscodeshift.withParser(transform.parser);
  const api = { j, jscodeshift: j, stats: () => {}, report: () => {} };
  const output = transform.transform({ path: file, source }, api, options);
  return typeof output === 'string' && output !== source ? output : null;
}

export interface TransformFailure {
  file: string;
  reason: string;
  /** Set when shipshape itself is at fault (a transform wrote code that does not parse, or failed on a bug of its own): the transform's id. */
  internal?: string;
}

function unparsable(transformId: string, file: string, reason: string, dropped: string): TransformFailure {
  return {
    file,
    reason: `${transformId} wrote code that does not parse (${reason}); ${dropped} was dropped, nothing of it is written`,
    internal: transformId,
  };
}

/**
 * Whether an error a transform threw is shipshape's own fault: a programming error (a TypeError from
 * reading a property of undefined, a RangeError) or one marked so, never a reason the transform gives
 * on purpose (a plain Error: "this file already exists") or the project's (a file that is not UTF-8).
 */
function shipshapeAtFault(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    (error as { internal?: unknown } | null)?.internal === true
  );
}

export interface PlannedFix {
  changeset: Changeset;
  failures: TransformFailure[];
}

async function formatTouched(root: string, changeset: Changeset): Promise<void> {
  for (const change of changeset.changes()) {
    if (change.after === null) continue;
    const formatted = await formatIfConfigured(root, change.path, change.after);
    if (formatted.problem) {
      changeset.followUp({
        kind: 'manual',
        message: `prettier could not format the changed files (${formatted.problem}): run your formatter on them`,
      });
    } else if (formatted.text !== change.after) {
      changeset.write(change.path, formatted.text);
    }
  }
}

/** Runs a file transform over files, on top of `base`, formatting what it touches. */
export async function planFileTransform(
  root: string,
  transform: FileTransform,
  files: readonly string[],
  options: Answers,
  base: Changeset,
): Promise<PlannedFix> {
  const changeset = new Changeset((file) => base.read(file));
  const failures: TransformFailure[] = [];
  for (const file of files) {
    try {
      // A file shipshape may not edit (not UTF-8, a link) fails alone, with the reason.
      const source = changeset.read(file);
      if (source === null) continue;
      const output = await runFileTransform(transform, file, source, options);
      if (output === null) continue;
      const broken = await brokenByChange({ path: file, before: source, after: output });
      if (broken) failures.push(unparsable(transform.meta.id, file, broken, 'its change to this file'));
      else changeset.write(file, output);
    } catch (error) {
      failures.push({
        file,
        reason: (error as Error).message.split('\n')[0]!,
        ...(shipshapeAtFault(error) ? { internal: transform.meta.id } : {}),
      });
    }
  }
  await formatTouched(root, changeset);
  return { changeset, failures };
}

/** Plans one fix for its findings on top of `base` (the fixes already accepted). Writes nothing. */
export async function planTransform(
  project: Project,
  transform: Transform,
  findings: readonly Finding[],
  options: Answers,
  base: Changeset,
): Promise<PlannedFix> {
  if (transform.kind === 'file') {
    return planFileTransform(
      project.root,
      transform,
      [...new Set(findings.map((f) => f.file))].sort(),
      { ...options, ...(await transform.meta.projectOptions?.(project)) },
      base,
    );
  }
  const changeset = new Changeset((file) => base.read(file));
  // Project transforms may write SQL, whose identifiers are quoted with the PostgreSQL scanner.
  await loadSqlParser();
  try {
    await transform.plan({ project, findings, options, changeset });
  } catch (error) {
    // A project transform that cannot finish plans nothing: half of a multi-file change is worse than none.
    // An error that names the file it failed on (and whether shipshape is at fault) is reported so.
    const { file, reason } = error as { file?: unknown; reason?: unknown };
    const failure: TransformFailure = {
      file: typeof file === 'string' ? file : transform.meta.id,
      reason: typeof reason === 'string' ? reason : (error as Error).message.split('\n')[0]!,
      ...(shipshapeAtFault(error) ? { internal: transform.meta.id } : {}),
    };
    return { changeset: new Changeset((file) => base.read(file)), failures: [failure] };
  }
  for (const change of changeset.changes()) {
    const broken = await brokenByChange(change);
    if (!broken) continue;
    return {
      changeset: new Changeset((file) => base.read(file)),
      failures: [unparsable(transform.meta.id, change.path, broken, 'its whole change')],
    };
  }
  await formatTouched(project.root, changeset);
  return { changeset, failures: [] };
}
