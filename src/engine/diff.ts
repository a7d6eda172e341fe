import { structuredPatch } from 'diff';
import { pc } from './picocolors.ts';
import path from 'node:path';
import { isEnvFileName } from '../project/env-files.ts';
import { redactLineWithState } from '../secrets/redact.ts';
import type { FileChange } from './changeset.ts';

const C_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/**
 * A path as git writes it in a patch: as it is, or C-quoted (`"a/tab\there.ts"`) when it holds a
 * control character, a quote, a backslash or a byte outside ASCII, which `git apply` would misread.
 */
export function gitPath(prefix: string, file: string): string {
  const bytes = Buffer.from(`${prefix}${file}`, 'utf8');
  if (!bytes.some((byte) => byte < 0x20 || byte === 0x22 || byte === 0x5c || byte >= 0x7f)) return `${prefix}${file}`;
  let quoted = '';
  for (const byte of bytes) {
    if (C_ESCAPES[byte]) quoted += C_ESCAPES[byte];
    else if (byte < 0x20 || byte >= 0x7f) quoted += `\\${byte.toString(8).padStart(3, '0')}`;
    else quoted += String.fromCharCode(byte);
  }
  return `"${quoted}"`;
}

/** The path a `diff --git` header names first, quoted or not. */
function headerPath(header: string): string | null {
  const quoted = /^diff --git "a\/((?:[^"\\]|\\.)*)"/.exec(header);
  if (quoted) return quoted[1]!;
  return /^diff --git a\/(.*) "?b\//.exec(header)?.[1] ?? null;
}

/** One file's change as a git-style unified diff, with a/ and b/ prefixes so `git apply` takes it. */
export function fileDiff(change: FileChange): string {
  const { path, before, after } = change;
  const header = [`diff --git ${gitPath('a/', path)} ${gitPath('b/', path)}`];
  if (before === null) header.push('new file mode 100644');
  if (after === null) header.push('deleted file mode 100644');
  header.push(`--- ${before === null ? '/dev/null' : gitPath('a/', path)}`, `+++ ${after === null ? '/dev/null' : gitPath('b/', path)}`);
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
  const header = [
    `diff --git ${gitPath('a/', from.path)} ${gitPath('b/', to.path)}`,
    `rename from ${gitPath('', from.path)}`,
    `rename to ${gitPath('', to.path)}`,
  ];
  const body = hunkLines(from.path, to.path, from.before ?? '', to.after ?? '');
  if (body.length === 0) return `${header.join('\n')}\n`;
  header.push(`--- ${gitPath('a/', from.path)}`, `+++ ${gitPath('b/', to.path)}`);
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
 * A diff for a terminal or a log: secrets masked. It stays a valid patch unless a masked value sat
 * in one of its lines; `masked` says whether one did.
 */
export function printableDiff(diff: string): { text: string; masked: boolean } {
  const text = redactedLines(diff).join('\n');
  return { text, masked: text !== diff };
}

/**
 * The diff's lines with every secret masked: credential shapes, the values of env files (in an env
 * file's own lines, every value), and the body of a private key, which spans lines.
 */
function redactedLines(diff: string): string[] {
  let envFile = false;
  let inPrivateKey = { old: false, new: false };
  return diff.split('\n').map((line) => {
    if (line.startsWith('diff --git ')) {
      const file = headerPath(line);
      envFile = file !== null && isEnvFileName(path.posix.basename(file));
      inPrivateKey = { old: false, new: false };
      return line;
    }
    if (/^(\+\+\+|---) /.test(line) || line.startsWith('@@') || !/^[-+ ]/.test(line)) return redactLineWithState(line).text;
    // Removed lines follow the old text, added lines the new one, context lines both.
    const side = line[0] === '-' ? 'old' : 'new';
    const redacted = redactLineWithState(line.slice(1), { envFile, inPrivateKey: inPrivateKey[side] });
    if (line[0] === ' ') inPrivateKey = { old: redacted.inPrivateKey, new: redacted.inPrivateKey };
    else inPrivateKey[side] = redacted.inPrivateKey;
    return line[0] + redacted.text;
  });
}

/** A diff for reading on screen: coloured, with secrets masked (it is not for `git apply`). */
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
