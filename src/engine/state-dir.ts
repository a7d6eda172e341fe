import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';

/** Holds the undo journals, whose backups hold the project's secrets, and the lock. */
export const STATE_DIR = '.shipshape';
const LOCK_FILE = 'lock';

/** Whether root has a .shipshape/ folder; refuses one that is a link or a file. */
export function hasStateDir(root: string): boolean {
  return assertUsableStateDir(path.join(root, STATE_DIR));
}

function assertUsableStateDir(dir: string): boolean {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (stat.isSymbolicLink()) {
    throw new UsageError(
      `${dir} is a symbolic link: shipshape keeps backups of your files there and never writes them through a link`,
      `remove the link; shipshape creates ${STATE_DIR}/ itself`,
    );
  }
  if (!stat.isDirectory()) {
    throw new UsageError(`${dir} is a file, not a folder`, `move it away or delete it: shipshape keeps its undo journal in ${STATE_DIR}/`);
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return true;
}

/**
 * `.shipshape/` under root, created readable by its owner only, with a .gitignore of its own so its
 * backups are never committed, whatever the project's .gitignore says.
 */
export function ensureStateDir(root: string): string {
  const dir = path.join(root, STATE_DIR);
  if (assertUsableStateDir(dir)) return dir;
  try {
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(path.join(dir, '.gitignore'), '*\n');
  } catch (error) {
    throw new UsageError(
      `cannot create ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'shipshape keeps its undo journal there: run it on a folder you can write to',
    );
  }
  return dir;
}

/** A sub-folder of .shipshape/, which must be a real folder too. */
export function ensureStateSubdir(root: string, name: string): string {
  const dir = ensureStateDir(root);
  const sub = path.join(dir, name);
  if (!assertUsableStateDir(sub)) mkdirSync(sub, { mode: 0o700 });
  return sub;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `.shipshape/lock` for this process, so two runs never write the same tree at once. A lock
 * whose process is gone (killed, say) is taken over. Returns the release function.
 */
export function acquireLock(root: string): () => void {
  const dir = ensureStateDir(root);
  const lock = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = Number.NaN;
      try {
        holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      } catch {
        // Gone meanwhile: try again.
      }
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw new UsageError(
          `another shipshape (pid ${holder}) is working on ${root}`,
          `wait for it to finish; if none is running, delete ${path.join(dir, LOCK_FILE)}`,
        );
      }
      rmSync(lock, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return () => releaseLock(dir);
  }
  throw new UsageError(`another shipshape is working on ${root}`, 'wait for it to finish, then run the command again');
}

function releaseLock(dir: string): void {
  const lock = path.join(dir, LOCK_FILE);
  try {
    if (Number.parseInt(readFileSync(lock, 'utf8'), 10) === process.pid) rmSync(lock, { force: true });
    // A folder that keeps nothing (made for the lock, or emptied by undo) goes with it.
    if (readdirSync(dir).every((name) => name === '.gitignore')) {
      rmSync(path.join(dir, '.gitignore'), { force: true });
      rmdirSync(dir);
    }
  } catch {
    // Nothing to release.
  }
}

/** The folders whose .shipshape/ may hold a journal for dir: dir and its parents up to the top of its git tree. */
export function journalRoots(dir: string): string[] {
  const roots: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    roots.push(current);
    if (existsSync(path.join(current, '.git'))) return roots;
    if (path.dirname(current) === current) return [path.resolve(dir)];
  }
}
