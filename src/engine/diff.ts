import { structuredPatch } from 'diff';
import pc from 'picocolors';
import path from 'node:path';
import { isEnvFileName } from '../project/env-files.ts';
import { redactEnvLine, redactSecretShapes } from '../report/redact.ts';
import type { FileChange } from './changeset.ts';

/** One file's change as a git-style unified diff, with a/ and b/ prefixes so `git apply` takes it. */
export function fileDiff(change: FileChange): string {
  const { path, before, after } = change;
  const header = [`diff --git a/${path} b/${path}`];
  if (before === null) header.push('new file mode 100644');
  if (after === null) header.push('deleted file mode 100644');
  header.push(`--- ${before === null ? '/dev/null' : `a/${path}`}`, `+++ ${after === null ? '/dev/null' : `b/${path}`}`);
  return `${[...header, ...hunkLines(path, path, before ?? '', after ?? '')].join('\n')}\n`;
}

/** The hunks between two texts, numbered as git numbers them (an empty side starts at line 0). */
function hunkLines(fromPath: string, toPath: string, before: string, after: string): string[] {
  const patch = structuredPatch(fromPath, toPath, before, after, '', '', { context: 3 });
  const body: string[] = [];
  for (const hunk of patch.hunks) {
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    body.push(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`, ...hunk.lines);
  }
  return body;
}

/** A moved file as one git-style rename, with the edits made on the way. */
export function renameDiff(from: FileChange, to: FileChange): string {
  const header = [`diff --git a/${from.path} b/${to.path}`, `rename from ${from.path}`, `rename to ${to.path}`];
  const body = hunkLines(from.path, to.path, from.before ?? '', to.after ?? '');
  if (body.length === 0) return `${header.join('\n')}\n`;
  header.push(`--- a/${from.path}`, `+++ b/${to.path}`);
  return `${[...header, ...body].join('\n')}\n`;
}

/** Every change as one diff; `renames` (new path → old path) print as moves instead of a delete and a create. */
export function unifiedDiff(changes: readonly FileChange[], renames: ReadonlyMap<string, string> = new Map()): string {
  const byPath = new Map(changes.map((change) => [change.path, change]));
  const movedAway = new Set(renames.values());
  return changes
    .map((change) => {
      if (movedAway.has(change.path)) return '';
      const from = renames.get(change.path);
      return from && byPath.get(from) ? renameDiff(byPath.get(from)!, change) : fileDiff(change);
    })
    .join('');
}

/**
 * A diff for a terminal or a log: credential-shaped values masked. It stays a valid patch unless a
 * masked value sat in one of its lines; `masked` says whether one did.
 */
export function printableDiff(diff: string): { text: string; masked: boolean } {
  const text = redactedLines(diff).join('\n');
  return { text, masked: text !== diff };
}

/** The diff's lines with credential shapes masked, and every value in an env file's lines. */
function redactedLines(diff: string): string[] {
  let inEnvFile = false;
  return diff.split('\n').map((line) => {
    const header = /^diff --git a\/(.*) b\//.exec(line);
    if (header) inEnvFile = isEnvFileName(path.posix.basename(header[1]!));
    if (inEnvFile && /^[-+ ]/.test(line) && !/^(\+\+\+|---) /.test(line)) return line[0] + redactEnvLine(line.slice(1));
    return redactSecretShapes(line);
  });
}

/** A diff for reading on screen: coloured, with credential-shaped values masked (it is not for `git apply`). */
export function displayDiff(diff: string, color: boolean): string {
  const colors = pc.createColors(color);
  return redactedLines(diff)
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff --git')) return colors.bold(line);
      if (line.startsWith('+')) return colors.green(line);
      if (line.startsWith('-')) return colors.red(line);
      if (line.startsWith('@@')) return colors.cyan(line);
      return line;
    })
    .join('\n');
}
