import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { diskReader, type Changeset, type FileChange } from './changeset.ts';

export const STATE_DIR = '.shipshape';
const UNDO_DIR = `${STATE_DIR}/undo`;

interface JournalEntry {
  path: string;
  /** The saved original, relative to the journal directory; null when the apply created the file. */
  backup: string | null;
  /** What the apply left on disk; null when it deleted the file. */
  afterHash: string | null;
}

interface Journal {
  version: 1;
  createdAt: string;
  command: string;
  entries: JournalEntry[];
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}


/** A sibling temporary file holding the new content, with the target's mode when it exists. */
function writeTemp(target: string, content: string): string {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(temp, content);
  try {
    if (existsSync(target)) chmodSync(temp, statSync(target).mode);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return temp;
}

/** Writes a file through a temporary sibling and a rename, so a reader never sees half of it. */
export function writeFileAtomic(file: string, content: string): void {
  const temp = writeTemp(file, content);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Adds `.shipshape/` to .gitignore as part of the same change, so the journal never gets committed. */
export function ignoreStateDir(changeset: Changeset): void {
  const current = changeset.read('.gitignore') ?? '';
  const lines = current.split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => line === STATE_DIR || line === `${STATE_DIR}/` || line === `/${STATE_DIR}/` || line === `/${STATE_DIR}`)) return;
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  changeset.write('.gitignore', `${current}${separator}${STATE_DIR}/\n`);
}

/**
 * All or nothing: every new content is written to a temporary file first, then each is renamed
 * into place; if any step fails, what was already replaced is put back.
 */
export function applyChanges(root: string, changes: readonly FileChange[]): void {
  const read = diskReader(root);
  for (const change of changes) {
    const current = read(change.path);
    if (current !== change.before) {
      throw new UsageError(`${change.path} changed on disk while the fix was planned`, 'run the command again');
    }
  }
  const temps = new Map<string, string>();
  const done: FileChange[] = [];
  try {
    for (const change of changes) {
      if (change.after === null) continue;
      temps.set(change.path, writeTemp(path.join(root, change.path), change.after));
    }
    for (const change of changes) {
      const target = path.join(root, change.path);
      if (change.after === null) unlinkSync(target);
      else renameSync(temps.get(change.path)!, target);
      temps.delete(change.path);
      done.push(change);
    }
  } catch (error) {
    for (const change of done.reverse()) {
      const target = path.join(root, change.path);
      try {
        if (change.before === null) rmSync(target, { force: true });
        else writeFileAtomic(target, change.before);
      } catch {
        // Keep restoring the rest; the journal still holds every original.
      }
    }
    for (const temp of temps.values()) rmSync(temp, { force: true });
    throw error;
  }
  const deleted = changes.filter((change) => change.after === null).map((change) => change.path);
  for (const file of deleted.sort((a, b) => b.split('/').length - a.split('/').length)) removeEmptyParents(root, file);
}

/** A delete that empties its folder removes the folder too (a migrated pages/ leaves nothing behind); undo recreates it. */
function removeEmptyParents(root: string, file: string): void {
  for (let dir = path.posix.dirname(file); dir !== '.' && dir !== ''; dir = path.posix.dirname(dir)) {
    const absolute = path.join(root, dir);
    try {
      if (readdirSync(absolute).length > 0) return;
      rmdirSync(absolute);
    } catch {
      return;
    }
  }
}

/** Saves the originals under .shipshape/undo/<timestamp>/ before anything is written. */
export function writeJournal(root: string, changes: readonly FileChange[], command: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const relDir = `${UNDO_DIR}/${stamp}-${randomBytes(2).toString('hex')}`;
  const dir = path.join(root, relDir);
  mkdirSync(path.join(dir, 'files'), { recursive: true });
  const entries: JournalEntry[] = changes.map((change, index) => {
    let backup: string | null = null;
    if (change.before !== null) {
      backup = `files/${index}`;
      writeFileSync(path.join(dir, backup), change.before);
    }
    return { path: change.path, backup, afterHash: change.after === null ? null : hash(change.after) };
  });
  const journal: Journal = { version: 1, createdAt: new Date().toISOString(), command, entries };
  writeFileAtomic(path.join(dir, 'journal.json'), `${JSON.stringify(journal, null, 2)}\n`);
  return relDir;
}

export function applyWithJournal(root: string, changes: readonly FileChange[], command: string): string {
  const journal = writeJournal(root, changes, command);
  try {
    applyChanges(root, changes);
  } catch (error) {
    rmSync(path.join(root, journal), { recursive: true, force: true });
    throw error;
  }
  return journal;
}

export interface UndoResult {
  journal: string;
  command: string;
  restored: string[];
}

function journalsUnder(root: string): string[] {
  const undoRoot = path.join(root, UNDO_DIR);
  if (!existsSync(undoRoot)) return [];
  return readdirSync(undoRoot).filter((name) => existsSync(path.join(undoRoot, name, 'journal.json'))).sort();
}

export function hasJournal(root: string): boolean {
  return journalsUnder(root).length > 0;
}

/** Restores the files of the last apply, refusing where they were edited since (unless forced). */
export function undoLast(root: string, force: boolean): UndoResult {
  const last = journalsUnder(root).at(-1);
  if (!last) throw new UsageError('nothing to undo: no journal under .shipshape/undo', 'undo restores what `shipshape fix` or `transform` last wrote');
  const dir = path.join(root, UNDO_DIR, last);
  const journal = JSON.parse(readFileSync(path.join(dir, 'journal.json'), 'utf8')) as Journal;
  const read = diskReader(root);
  const changes: FileChange[] = [];
  const edited: string[] = [];
  for (const entry of journal.entries) {
    const current = read(entry.path);
    if ((current === null ? null : hash(current)) !== entry.afterHash) edited.push(entry.path);
    const original = entry.backup === null ? null : readFileSync(path.join(dir, entry.backup), 'utf8');
    if (current !== original) changes.push({ path: entry.path, before: current, after: original });
  }
  if (edited.length > 0 && !force) {
    throw new UsageError(`files changed since the last apply: ${edited.join(', ')}`, 'undo would overwrite those edits; pass --force to restore anyway');
  }
  applyChanges(root, changes);
  rmSync(dir, { recursive: true, force: true });
  return { journal: `${UNDO_DIR}/${last}`, command: journal.command, restored: changes.map((c) => c.path) };
}
