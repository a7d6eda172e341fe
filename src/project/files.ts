import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { gitListFiles } from './git.ts';

/** Build output, dependencies and tool state: never the project's own code. */
export const ALWAYS_SKIPPED_DIRS = ['node_modules', '.next', 'dist', 'build', 'out', 'coverage', '.git', '.shipshape', '.vercel', '.turbo'];

export const MAX_FILE_BYTES = 1024 * 1024;

const BINARY_EXTENSIONS = new Set(
  'png jpg jpeg gif webp avif ico bmp tiff psd svgz woff woff2 ttf otf eot mp3 mp4 m4a wav ogg webm mov avi pdf zip gz tgz bz2 xz 7z rar jar wasm node so dylib dll exe bin dat db sqlite sqlite3 lockb pyc class'
    .split(' ')
    .map((ext) => `.${ext}`),
);

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function isInSkippedDir(file: string): boolean {
  return file.split('/').some((segment) => ALWAYS_SKIPPED_DIRS.includes(segment));
}

export function hasBinaryExtension(file: string): boolean {
  return BINARY_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/** The project's files relative to root: from git where there is one, else a walk honouring .gitignore. */
export function listProjectFiles(root: string, inGit: boolean): string[] {
  // A folder git ignores as a whole (a vendored app, say) lists nothing in git: walk it instead.
  const fromGit = inGit ? gitListFiles(root) : [];
  const files = fromGit.length > 0
    ? fromGit
    : globbySync('**/*', {
        cwd: root,
        dot: true,
        gitignore: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: ALWAYS_SKIPPED_DIRS.map((dir) => `**/${dir}/**`),
      });
  return files
    .map(toPosix)
    .filter((file) => !isInSkippedDir(file))
    .sort();
}

export type ReadResult =
  | { ok: true; text: string; bytes: number }
  | { ok: false; reason: 'binary' | 'too-large' | 'unreadable'; detail?: string };

/** Planned contents by absolute path: a string, null for a planned delete, undefined where the disk holds. */
export type FileOverlay = (absPath: string) => string | null | undefined;

// Scoped to one async call tree, so `fix` can re-scan the changes it planned without writing them,
// through every reader below the scan, and no other caller ever sees them.
const overlays = new AsyncLocalStorage<FileOverlay>();

export function withFileOverlay<T>(overlay: FileOverlay, run: () => T): T {
  return overlays.run(overlay, run);
}

/** The planned contents of a file while an overlay is in force; undefined when the disk holds. */
export function overlaidText(absPath: string): string | null | undefined {
  return overlays.getStore()?.(absPath);
}

/** Reads a text file once; binary (a NUL in the first 8 KB, as git decides) and over-size files are refused. */
export function readTextFile(absPath: string, maxBytes = MAX_FILE_BYTES): ReadResult {
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
    const head = buffer.subarray(0, Math.min(read, 8000));
    if (head.includes(0)) return { ok: false, reason: 'binary' };
    return { ok: true, text: buffer.toString('utf8', 0, read), bytes: read };
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code };
  } finally {
    closeSync(fd);
  }
}
