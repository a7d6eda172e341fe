import { lstatSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { lineEndingOf } from './print-style.ts';
import { resolveInRoot } from './safe-path.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of bytes that are UTF-8 (a BOM kept, as U+FEFF); null for any other encoding. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reads project files as they are on disk; null when a file does not exist. A file shipshape must not
 * edit is refused: one that is not UTF-8 (re-encoding it would lose bytes), a symbolic link (writing
 * would replace the link), or one reached through a folder linked out of the project.
 */
export function diskReader(root: string): (file: string) => string | null {
  return (file) => {
    const absolute = resolveInRoot(root, file);
    if (absolute === null)
      throw new UsageError(`${file} is outside the project`, 'shipshape reads and writes only inside the project folder');
    try {
      if (lstatSync(absolute).isSymbolicLink()) {
        throw new UsageError(
          `${file} is a symbolic link: shipshape never replaces a link, so it was left as it is`,
          'fix the file it points to, which shipshape scans on its own when it is inside the project',
        );
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
    const text = decodeUtf8(readFileSync(absolute));
    if (text === null) {
      throw new UsageError(
        `${file} is not UTF-8: shipshape never re-encodes a file, so it was left as it is`,
        `convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8) to let shipshape fix it`,
      );
    }
    return text;
  };
}

export interface FileChange {
  path: string;
  /** null: the file is created. */
  before: string | null;
  /** null: the file is deleted. */
  after: string | null;
}

export interface FollowUp {
  /** command: run it; secret: rotate it; manual: do it by hand. */
  kind: 'command' | 'secret' | 'manual';
  message: string;
}

/**
 * Creates, edits, moves and deletes over a read function, so several fixes can be planned
 * one after another over the same files without touching the disk.
 */
export class Changeset {
  private readonly entries = new Map<string, FileChange>();
  readonly followUps: FollowUp[] = [];
  /** Files created from another file that the same change deletes: new path → old path, for diffs that show renames. */
  readonly moves = new Map<string, string>();

  constructor(private readonly readBase: (path: string) => string | null) {}

  read(path: string): string | null {
    const entry = this.entries.get(path);
    return entry ? entry.after : this.readBase(path);
  }

  private set(path: string, after: string | null): void {
    const before = this.entries.has(path) ? this.entries.get(path)!.before : this.readBase(path);
    if (before === after) this.entries.delete(path);
    else this.entries.set(path, { path, before, after });
  }

  write(path: string, content: string): void {
    this.set(path, content);
  }

  delete(path: string): void {
    this.set(path, null);
  }

  move(from: string, to: string, content?: string): void {
    const current = this.read(from);
    if (current === null) throw new Error(`cannot move ${from}: it does not exist`);
    this.set(to, content ?? current);
    this.set(from, null);
    this.moves.set(to, from);
  }

  followUp(followUp: FollowUp): void {
    if (!this.followUps.some((f) => f.kind === followUp.kind && f.message === followUp.message)) this.followUps.push(followUp);
  }

  /** Folds a changeset planned on top of this one into it. */
  merge(child: Changeset): void {
    for (const change of child.changes()) this.set(change.path, change.after);
    for (const followUp of child.followUps) this.followUp(followUp);
    for (const [to, from] of child.moves) this.moves.set(to, from);
  }

  /** The moves whose source is deleted and whose target is created by this change. */
  renames(): Map<string, string> {
    const entries = new Map(this.changes().map((change) => [change.path, change]));
    return new Map([...this.moves].filter(([to, from]) => entries.get(to)?.before === null && entries.get(from)?.after === null));
  }

  changes(): FileChange[] {
    return [...this.entries.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  get isEmpty(): boolean {
    return this.entries.size === 0 && this.followUps.length === 0;
  }
}

const TODO = /TODO\(shipshape\):\s*(.*)/;

/** The `TODO(shipshape)` comments a change adds: what the user must finish by hand. */
export function addedTodos(changes: readonly FileChange[]): Array<{ file: string; line: number; text: string }> {
  const todos: Array<{ file: string; line: number; text: string }> = [];
  for (const change of changes) {
    if (change.after === null) continue;
    const existing = new Set(
      (change.before ?? '')
        .split('\n')
        .filter((line) => TODO.test(line))
        .map((line) => line.trim()),
    );
    change.after.split('\n').forEach((line, index) => {
      const match = TODO.exec(line);
      if (match && !existing.has(line.trim()))
        todos.push({ file: change.path, line: index + 1, text: match[1]!.replace(/\*\/\s*$/, '').trim() });
    });
  }
  return todos;
}

/**
 * Appends a block of lines to a config-style file (.gitignore, .env.example), a blank line apart from
 * what is there, with the file's own line breaks (`newline` for a file that has none yet).
 */
export function appendBlock(current: string, lines: readonly string[], newline = lineEndingOf(current)): string {
  const separator = current === '' || /\r?\n\r?\n$/.test(current) ? '' : current.endsWith('\n') ? newline : newline + newline;
  return `${current}${separator}${lines.join('\n').replace(/\r?\n/g, newline)}${newline}`;
}
