import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, fstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../engine/safe-path.ts';
import { gitListFiles } from './git.ts';
import { gitignoreMatcher, walkTree, type TreeEntries } from './tree-walk.ts';
import type { SkippedFile } from './types.ts';

/** Build output, dependencies and tool state: never the project's own code. */
export const ALWAYS_SKIPPED_DIRS = ['node_modules', '.next', 'dist', 'build', 'out', 'coverage', '.git', '.shipshape', '.vercel', '.turbo'];

export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * SQL migrations and Prisma schemas are read whatever their size: a big seed migration still
 * creates tables, and skipping it would hide them from `scan`, `sql` and `verify`.
 */
export function isSchemaFile(file: string): boolean {
  const posix = toPosix(file);
  return (/\.sql$/i.test(posix) && /(^|\/)migrations?\//i.test(posix)) || /(^|\/)schema\.prisma$/.test(posix);
}

const BINARY_EXTENSIONS = new Set(
  'png jpg jpeg gif webp avif ico bmp tiff psd svgz woff woff2 ttf otf eot mp3 mp4 m4a wav ogg webm mov avi pdf zip gz tgz bz2 xz 7z rar jar wasm node so dylib dll exe bin dat db sqlite sqlite3 lockb pyc class'
    .split(' ')
    .map((ext) => `.${ext}`),
);

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

const SKIPPED_SEGMENT = new RegExp(`(?:^|/)(?:${ALWAYS_SKIPPED_DIRS.map((dir) => dir.replace('.', '\\.')).join('|')})(?:/|$)`);

/** One regular expression rather than a split per path: the listing asks it of every file. */
export function isInSkippedDir(file: string): boolean {
  return SKIPPED_SEGMENT.test(file);
}

export function hasBinaryExtension(file: string): boolean {
  return BINARY_EXTENSIONS.has(path.extname(file).toLowerCase());
}

export interface ProjectListing {
  files: string[];
  /** Links that lead out of the project and folders that cannot be read (with a trailing slash). */
  skipped: SkippedFile[];
  /** The files git tracks, relative to the root; none outside git. */
  tracked: Set<string>;
}

function leavesRoot(realRoot: string, link: string): boolean {
  try {
    return !isInside(realRoot, realpathSync(link));
  } catch {
    // A dangling link: judge it by where it points.
    try {
      return !isInside(realRoot, path.resolve(realpathSync(path.dirname(link)), readlinkSync(link)));
    } catch {
      return true;
    }
  }
}

/** The symbolic links among the files, from one read of each of their folders, not one stat per file. */
function symlinksAmong(root: string, files: readonly string[]): Set<string> {
  const links = new Set<string>();
  for (const dir of new Set(files.map((file) => path.posix.dirname(file)))) {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isSymbolicLink()) links.add(dir === '.' ? entry.name : `${dir}/${entry.name}`);
    }
  }
  return links;
}

/** The project's files relative to root: from git where there is one, else a walk honouring .gitignore. */
export function listProjectTree(root: string, inGit: boolean, walked?: TreeEntries): ProjectListing {
  // A folder git ignores as a whole (a vendored app, say) lists nothing in git: walk it instead.
  const git = inGit ? gitListFiles(root) : null;
  const fromGit = git?.files ?? [];
  const skipped: SkippedFile[] = [];
  let listed: string[];
  let links: Set<string>;
  if (fromGit.length > 0) {
    listed = fromGit.map(toPosix);
    links = symlinksAmong(root, listed);
  } else {
    const tree = walked ?? walkTree(root, ALWAYS_SKIPPED_DIRS);
    const ignored = gitignoreMatcher(tree.gitignores);
    listed = tree.files.filter((file) => !ignored(file));
    links = new Set([...tree.links].filter((file) => !ignored(file)));
    for (const dir of tree.unreadable) if (!isInSkippedDir(dir)) skipped.push({ path: `${dir}/`, reason: 'unreadable' });
  }
  const realRoot = links.size > 0 ? realpathSync(root) : root;
  const files: string[] = [];
  for (const file of listed) {
    if (isInSkippedDir(file)) continue;
    if (links.has(file) && leavesRoot(realRoot, path.join(root, file))) skipped.push({ path: file, reason: 'symlink outside the project' });
    else files.push(file);
  }
  return { files: files.sort(), skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)), tracked: git?.tracked ?? new Set() };
}

export function listProjectFiles(root: string, inGit: boolean): string[] {
  return listProjectTree(root, inGit).files;
}

export type ReadResult =
  { ok: true; text: string; bytes: number } | { ok: false; reason: 'binary' | 'too-large' | 'unreadable'; detail?: string };

/** Planned contents by absolute path: a string, null for a planned delete, undefined where the disk holds. */
export type FileOverlay = (absPath: string) => string | null | undefined;

// Scoped to one async call tree, so `fix` can re-scan the changes it planned without writing them,
// through every reader below the scan, and no other caller ever sees them.
const overlays = new AsyncLocalStorage<FileOverlay>();

export function withFileOverlay<T>(overlay: FileOverlay, run: () => T): T {
  return overlays.run(overlay, run);
}

/** Whether this call tree reads planned contents rather than the disk. */
export function fileOverlayInForce(): boolean {
  return overlays.getStore() !== undefined;
}

/** The planned contents of a file while an overlay is in force; undefined when the disk holds. */
export function overlaidText(absPath: string): string | null | undefined {
  return overlays.getStore()?.(absPath);
}

// The files a cached scan reads besides the ones it checks: its project-wide findings hold for as
// long as none of them changes.
const readLogs = new AsyncLocalStorage<Set<string>>();

/** Runs `run` noting the absolute path of every file `readTextFile` reads below it, into `log`. */
export function withReadLog<T>(log: Set<string>, run: () => T): T {
  return readLogs.run(log, run);
}

/**
 * Reads a text file once; binary (a NUL in the first 8 KB, as git decides) and over-size files are
 * refused, except schema files, which are always read.
 */
export function readTextFile(absPath: string, maxBytes?: number): ReadResult {
  readLogs.getStore()?.add(absPath);
  return readCheckedFile(absPath, maxBytes);
}

/** `readTextFile` for the file loop of a scan, whose files the scan cache follows one by one, left out of the read log. */
export function readCheckedFile(absPath: string, maxBytes = isSchemaFile(absPath) ? Infinity : MAX_FILE_BYTES): ReadResult {
  const planned = overlaidText(absPath);
  if (planned === null) return { ok: false, reason: 'unreadable', detail: 'ENOENT' };
  if (planned !== undefined) return { ok: true, text: planned, bytes: Buffer.byteLength(planned) };
  let fd: number;
  try {
    fd = openSync(absPath, 'r');
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code };
  }
  try {
    const small = readSmallFile(fd);
    if (small) return small.length > maxBytes ? { ok: false, reason: 'too-large' } : textOf(small, small.length);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'unreadable', detail: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large' };
    const buffer = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return textOf(buffer, read);
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code };
  } finally {
    closeSync(fd);
  }
}

function textOf(buffer: Buffer, length: number): ReadResult {
  if (buffer.subarray(0, Math.min(length, 8000)).includes(0)) return { ok: false, reason: 'binary' };
  return { ok: true, text: buffer.toString('utf8', 0, length), bytes: length };
}

const scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Most source files fit in one small read: reading them into one reused buffer spares a stat and an
 * allocation per file. Null when the file fills the buffer; the caller then stats it and reads it whole.
 */
function readSmallFile(fd: number): Buffer | null {
  let read = 0;
  while (read < scratch.length) {
    const n = readSync(fd, scratch, read, scratch.length - read, read);
    if (n === 0) return scratch.subarray(0, read);
    read += n;
  }
  return null;
}
