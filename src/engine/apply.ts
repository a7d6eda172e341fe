import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { lineEndingOf } from './print-style.ts';
import { decodeUtf8, type Changeset, type FileChange } from './changeset.ts';
import { createDurably, removeDurably, renameDurably, syncDirectory, tempSibling } from './durable-fs.ts';
import { sha256 } from './hash.ts';
import {
  UNDO_DIR,
  discardJournal,
  interruptedJournal,
  journalNames,
  journalPath,
  loadJournal,
  readBackup,
  sweepJournalLeftovers,
  writeJournalFile,
  type Journal,
  type JournalEntry,
} from './journal.ts';
import { resolveInRoot } from './safe-path.ts';
import { STATE_DIR, ensureStateSubdir, hasStateDir } from './state-dir.ts';

/** Adds `.shipshape/` to .gitignore as part of the same change, so the journal never gets committed. */
export function ignoreStateDir(changeset: Changeset): void {
  let current: string;
  try {
    current = changeset.read('.gitignore') ?? '';
  } catch (error) {
    // A .gitignore shipshape may not edit stays as it is: .shipshape/ holds a .gitignore of its own.
    if (error instanceof UsageError) return;
    throw error;
  }
  const lines = current.split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => line === STATE_DIR || line === `${STATE_DIR}/` || line === `/${STATE_DIR}/` || line === `/${STATE_DIR}`)) return;
  const eol = lineEndingOf(current);
  const separator = current === '' || current.endsWith('\n') ? '' : eol;
  changeset.write('.gitignore', `${current}${separator}${STATE_DIR}/${eol}`);
}

interface OnDisk {
  bytes: Buffer;
  mode: number;
}

/** A file's bytes and mode; null when it does not exist. A link or a folder is never written over. */
function readOnDisk(absolute: string, file: string): OnDisk | null {
  let stat;
  try {
    stat = lstatSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
  if (stat.isSymbolicLink())
    throw new UsageError(`${file} is a symbolic link: shipshape never replaces a link`, 'change the file it points to instead');
  if (!stat.isFile()) throw new UsageError(`${file} is not a regular file`, 'move it away, then run the command again');
  return { bytes: readFileSync(absolute), mode: stat.mode & 0o7777 };
}

interface Step {
  change: FileChange;
  absolute: string;
  temp: string;
  before: OnDisk | null;
  after: Buffer | null;
}

/** Checks every file against what the plan read, before anything is written. */
function planSteps(root: string, changes: readonly FileChange[]): Step[] {
  return changes.map((change) => {
    const absolute = resolveInRoot(root, change.path);
    if (absolute === null)
      throw new UsageError(
        `${change.path} is outside the project, or inside a folder linked out of it`,
        'shipshape never writes outside the project folder',
      );
    const before = readOnDisk(absolute, change.path);
    if (before !== null && change.before !== null && decodeUtf8(before.bytes) === null) {
      throw new UsageError(`${change.path} is not UTF-8: shipshape never re-encodes a file`, 'convert it to UTF-8 to let shipshape fix it');
    }
    const unchanged = change.before === null ? before === null : before !== null && before.bytes.equals(Buffer.from(change.before));
    if (!unchanged) throw new UsageError(`${change.path} changed on disk while the fix was planned`, 'run the command again');
    return { change, absolute, temp: tempSibling(absolute), before, after: change.after === null ? null : Buffer.from(change.after) };
  });
}

/** The folders new files need that do not exist yet, parents first. */
function missingFolders(root: string, steps: readonly Step[]): string[] {
  const missing = new Set<string>();
  for (const step of steps) {
    if (step.after === null) continue;
    for (let dir = path.posix.dirname(step.change.path); dir !== '.' && !missing.has(dir); dir = path.posix.dirname(dir)) {
      if (existsSync(path.join(root, dir))) break;
      missing.add(dir);
    }
  }
  return [...missing].sort();
}

/**
 * Saves the originals' bytes and the journal under .shipshape/undo/<name>/, flushed to the disk, in a
 * folder that gets its name only once complete: an apply never starts without a whole journal.
 */
function createJournal(root: string, steps: readonly Step[], command: string): { name: string; journal: Journal } {
  const undoRoot = ensureStateSubdir(root, 'undo');
  sweepJournalLeftovers(root);
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
  const pending = path.join(undoRoot, `.pending-${name}`);
  try {
    return writePendingJournal(undoRoot, pending, name, root, steps, command);
  } catch (error) {
    rmSync(pending, { recursive: true, force: true });
    throw error;
  }
}

function writePendingJournal(
  undoRoot: string,
  pending: string,
  name: string,
  root: string,
  steps: readonly Step[],
  command: string,
): { name: string; journal: Journal } {
  mkdirSync(path.join(pending, 'files'), { recursive: true, mode: 0o700 });
  const entries: JournalEntry[] = steps.map((step, index) => {
    const backup = step.before === null ? null : `files/${index}`;
    if (step.before !== null) createDurably(path.join(pending, `files/${index}`), step.before.bytes, 0o600);
    return {
      path: step.change.path,
      backup,
      mode: step.before === null ? null : step.before.mode,
      beforeHash: step.before === null ? null : sha256(step.before.bytes),
      afterHash: step.after === null ? null : sha256(step.after),
      temp: path.posix.join(path.posix.dirname(step.change.path), path.basename(step.temp)),
    };
  });
  const journal: Journal = {
    version: 2,
    state: 'applying',
    createdAt: new Date().toISOString(),
    command,
    createdDirs: missingFolders(root, steps),
    entries,
  };
  syncDirectory(path.join(pending, 'files'));
  writeJournalFile(pending, journal);
  renameDurably(pending, path.join(undoRoot, name));
  syncDirectory(undoRoot);
  return { name, journal };
}

/** Every new content goes to a flushed temporary sibling first; then each is renamed into place. */
function applySteps(root: string, steps: readonly Step[], journal: Journal): void {
  for (const dir of journal.createdDirs) mkdirSync(path.join(root, dir), { recursive: true });
  const folders = new Set(steps.map((step) => path.dirname(step.absolute)));
  for (const step of steps) {
    if (step.after !== null) createDurably(step.temp, step.after, step.before?.mode);
  }
  for (const folder of folders) syncDirectory(folder);
  for (const step of steps) {
    if (step.after === null) removeDurably(step.absolute);
    else renameDurably(step.temp, step.absolute);
  }
  for (const folder of folders) syncDirectory(folder);
  const deleted = steps.filter((step) => step.after === null).map((step) => step.change.path);
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

/**
 * Crash-safe and all or nothing: the journal and the originals are on disk before the first project
 * file changes, and the journal says "applied" only once every file is in place. A failure rolls back;
 * a crash leaves an "applying" journal that `shipshape undo` rolls back.
 */
export function applyWithJournal(root: string, changes: readonly FileChange[], command: string): string {
  const steps = planSteps(root, changes);
  const { name, journal } = createJournal(root, steps, command);
  try {
    applySteps(root, steps, journal);
  } catch (error) {
    try {
      restore(root, name, journal, true);
    } catch {
      // The journal stays, marked "applying": `shipshape undo` finishes the roll-back.
    }
    throw error;
  }
  writeJournalFile(path.join(root, UNDO_DIR, name), { ...journal, state: 'applied' });
  return journalPath(name);
}

function removeStrayTemp(temp: string): void {
  try {
    unlinkSync(temp);
  } catch (error) {
    if (!['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}

export interface UndoResult {
  journal: string;
  command: string;
  restored: string[];
  /** The apply (or an earlier undo) was stopped before it finished. */
  interrupted: boolean;
}

export function hasJournal(root: string): boolean {
  return journalNames(root).length > 0;
}

/**
 * Puts every journalled file back to its original bytes. After a finished apply, each file must hold
 * what the apply wrote; after an interrupted one, either that or the original, as nothing else wrote
 * meanwhile. Anything else is an edit, kept unless forced.
 */
function restore(root: string, name: string, journal: Journal, force: boolean): string[] {
  const finished = journal.state === 'applied';
  const pending: JournalEntry[] = [];
  const edited: string[] = [];
  for (const entry of journal.entries) {
    const current = readOnDisk(path.join(root, entry.path), entry.path);
    const hash = current === null ? null : sha256(current.bytes);
    const expected = finished ? [entry.afterHash] : [entry.afterHash, entry.beforeHash];
    if (!expected.includes(hash)) edited.push(entry.path);
    if (hash !== entry.beforeHash) pending.push(entry);
  }
  if (edited.length > 0 && !force) {
    throw new UsageError(
      `files changed since the last apply: ${edited.join(', ')}`,
      'undo would overwrite those edits; pass --force to restore anyway',
    );
  }
  const originals = new Map(pending.filter((entry) => entry.backup !== null).map((entry) => [entry, readBackup(root, name, entry)]));
  const dir = path.join(root, UNDO_DIR, name);
  if (journal.state !== 'undoing') writeJournalFile(dir, { ...journal, state: 'undoing' });
  for (const entry of journal.entries) removeStrayTemp(path.join(root, entry.temp));
  for (const entry of pending) {
    const absolute = path.join(root, entry.path);
    const original = originals.get(entry);
    if (original === undefined) {
      removeDurably(absolute);
      continue;
    }
    mkdirSync(path.dirname(absolute), { recursive: true });
    const temp = path.join(root, entry.temp);
    createDurably(temp, original, entry.mode ?? undefined);
    renameDurably(temp, absolute);
  }
  for (const folder of new Set(journal.entries.map((entry) => path.dirname(path.join(root, entry.path))))) {
    if (existsSync(folder)) syncDirectory(folder);
  }
  for (const created of [...journal.createdDirs].sort().reverse()) {
    try {
      rmdirSync(path.join(root, created));
    } catch {
      // Not empty: something else lives there now.
    }
  }
  discardJournal(root, name);
  return pending.map((entry) => entry.path);
}

/** Rolls back an interrupted apply or undo if there is one, else restores the files of the last apply. */
export function undoLast(root: string, force: boolean): UndoResult {
  const nothing = new UsageError(
    `nothing to undo: no journal under ${UNDO_DIR}`,
    'undo restores what `shipshape fix` or `transform` last wrote',
  );
  if (!hasStateDir(root)) throw nothing;
  sweepJournalLeftovers(root);
  const name = interruptedJournal(root) ?? journalNames(root).at(-1);
  if (!name) throw nothing;
  const journal = loadJournal(root, name);
  const restored = restore(root, name, journal, force);
  try {
    rmdirSync(path.join(root, UNDO_DIR));
  } catch {
    // Older journals remain.
  }
  return { journal: journalPath(name), command: journal.command, restored, interrupted: journal.state !== 'applied' };
}
