import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.ts';

const watchers = new Set<() => void>();

/**
 * Every step that changes the disk passes here, so the crash tests can stop the process, or look at
 * the disk, right after any one of them. `watcher` gets the count of writes since it started
 * watching; the returned function stops it.
 */
export function watchWrites(watcher: (count: number) => void): () => void {
  let count = 0;
  const counting = () => watcher(++count);
  watchers.add(counting);
  return () => void watchers.delete(counting);
}

function stepDone(): void {
  for (const watcher of [...watchers]) watcher();
}

/** `.<name>.shipshape-<8 hex>.tmp` beside the file: recognisable, so undo can remove what a crash left. */
export function tempSibling(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.shipshape-${randomBytes(4).toString('hex')}.tmp`);
}

export function isTempSiblingOf(temp: string, file: string): boolean {
  const prefix = `.${path.posix.basename(file)}.shipshape-`;
  const name = path.posix.basename(temp);
  return (
    path.posix.dirname(temp) === path.posix.dirname(file) && name.startsWith(prefix) && /^[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length))
  );
}

/**
 * Creates a file that must not exist yet (never through a link), writes it and flushes it to the disk.
 * With a mode, the file gets exactly that mode; without, the default one under the umask.
 */
export function createDurably(file: string, content: Uint8Array | string, mode?: number): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode ?? 0o666);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  stepDone();
}

export function renameDurably(from: string, to: string): void {
  renameSync(from, to);
  stepDone();
}

export function removeDurably(file: string): void {
  unlinkSync(file);
  stepDone();
}

/** Flushes a folder's entries (creates, renames, deletes) to the disk. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (error) {
    // Windows can neither open nor flush a folder; a rename there is durable on its own.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Replaces a file by a durable temporary sibling and a rename, so a reader never sees half of it. */
export function replaceDurably(file: string, content: Uint8Array | string, mode?: number): void {
  const temp = tempSibling(file);
  try {
    createDurably(temp, content, mode);
    renameDurably(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // It was never created, or the rename took it.
    }
    throw error;
  }
  syncDirectory(path.dirname(file));
}

const WRITE_ERRORS = new Set(['EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EROFS', 'ENOSPC', 'EEXIST', 'ENOENT']);

/**
 * Writes a result the user asked for (--output, --patch, --write-baseline) through a temporary sibling
 * and a rename, so a reader never sees half of it; a path that cannot take a file is an input error.
 */
export function writeFileAtomic(file: string, content: string): void {
  let target = file;
  let stat = null;
  try {
    // Through a link to the file it names: the link stays.
    if (lstatSync(file).isSymbolicLink()) target = realpathSync(file);
    stat = statSync(target);
  } catch {
    // A new file.
  }
  if (stat?.isDirectory()) throw new UsageError(`${file} is a directory`, 'pass the path of a file to write, e.g. report.json');
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    replaceDurably(target, content, stat?.isFile() ? stat.mode & 0o7777 : undefined);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && WRITE_ERRORS.has(code))
      throw new UsageError(`cannot write ${file}: ${code}`, 'pass a file path in a folder you can write to');
    throw error;
  }
}
