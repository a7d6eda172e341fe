import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { overlaidText, readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import type { Check, FileCheck } from '../types.ts';
import {
  addOutcome,
  checkFileText,
  checksWanting,
  emptyBatch,
  prefilterNeedles,
  type FileBatchResult,
  type FileOutcome,
} from './check-files.ts';
import { replaceDurably } from './durable-fs.ts';
import { packageRoot } from './package-root.ts';
import { STATE_DIR } from './state-dir.ts';

const FORMAT = 'shipshape-scan-cache';
const FILE_NAME = 'scan-cache';

interface CacheHeader {
  format: string;
  version: string;
  /** Everything besides a file's own text that its checks read: a different key voids every entry. */
  key: string;
}

interface CachedFile {
  hash: string;
  /** The file's stat when its text was hashed, or null while that text was too recent to trust a stat. */
  stat: FileStat | null;
  outcome: FileOutcome;
}

interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * A file whose stat has not changed is not read again, as git trusts its index. A write within the
 * file system's timestamp granularity of the hash could leave the stat as it was, so a stat is kept
 * only for a file last changed well before it was read; ctime catches tools that put mtime back.
 */
const SETTLED_MS = 2000;

function statOf(absPath: string): FileStat | null {
  const stat = statSync(absPath, { throwIfNoEntry: false });
  return stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino } : null;
}

function sameStat(a: FileStat | null, b: FileStat | null): boolean {
  return a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

function settled(stat: FileStat | null, readAt: number): FileStat | null {
  return stat && Math.max(stat.mtimeMs, stat.ctimeMs) < readAt - SETTLED_MS ? stat : null;
}

export interface ScanCacheOptions {
  /** The cache file, or a folder to keep it in. */
  location: string;
  /** A cache that cannot be used is said once, in one line, and the scan goes on without it. */
  warn: (message: string) => void;
}

const shipshapeVersion = (() => {
  let version: string | null = null;
  return () => (version ??= String(JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version));
})();

/**
 * node_modules/.cache/shipshape is where tools keep caches (ESLint, Babel, Next.js) and what
 * .gitignore files already leave out; a project without node_modules gets .shipshape/cache, the
 * folder shipshape already keeps its state in and never scans.
 */
export function defaultCacheLocation(root: string): string {
  const nodeModules = path.join(root, 'node_modules');
  const folder = existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'shipshape') : path.join(root, STATE_DIR, 'cache');
  return path.join(folder, FILE_NAME);
}

/** As ESLint's --cache-location: an existing folder, or a path ending in a slash, holds the file. */
function cacheFilePath(location: string): string {
  const isFolder = /[\\/]$/.test(location) || (existsSync(location) && statSync(location).isDirectory());
  return isFolder ? path.join(location, FILE_NAME) : location;
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/**
 * A file check reads its file and the Project: packages, the file list, env files (whose values
 * redaction hides), the config. Their hash, with the version and the checks that run, keys the cache.
 */
function contextKey(project: Project, checks: readonly Check[], version: string): string {
  const envTexts = project.envFiles.map((env) => {
    const read = readTextFile(path.join(project.root, env.path));
    return read.ok ? hashText(read.text) : null;
  });
  const { source: _source, ...config } = project.config;
  return createHash('sha256')
    .update(
      JSON.stringify([
        version,
        checks.map((check) => [check.meta.id, check.meta.severity, check.meta.fix ?? null]),
        { ...project, config },
        envTexts,
      ]),
    )
    .digest('base64');
}

function readEntries(file: string, header: CacheHeader, warn: (message: string) => void): Map<string, CachedFile> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return new Map();
  }
  const newline = bytes.indexOf(0x0a);
  let found: CacheHeader | null;
  let entries: unknown = null;
  try {
    found = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as CacheHeader;
    if (found.format === FORMAT && found.version === header.version) entries = deserialize(bytes.subarray(newline + 1));
  } catch {
    found = null;
  }
  if (found?.format === FORMAT && found.version !== header.version) {
    warn(`ignoring the scan cache ${file}: it was written by shipshape ${String(found.version)}`);
    return new Map();
  }
  if (found?.format !== FORMAT || !(entries instanceof Map) || ![...entries.values()].every(isCachedFile)) {
    warn(`ignoring the scan cache ${file}: it is not a shipshape scan cache or it is damaged`);
    return new Map();
  }
  return found.key === header.key ? (entries as Map<string, CachedFile>) : new Map();
}

function isCachedFile(entry: unknown): entry is CachedFile {
  const candidate = entry as CachedFile | null;
  return (
    typeof candidate?.hash === 'string' &&
    typeof candidate.stat === 'object' &&
    Array.isArray(candidate.outcome?.findings) &&
    Array.isArray(candidate.outcome.facts) &&
    typeof candidate.outcome.suppressed === 'number'
  );
}

function writeEntries(file: string, header: CacheHeader, entries: Map<string, CachedFile>, warn: (message: string) => void): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    replaceDurably(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), serialize(entries)]));
  } catch (error) {
    warn(`could not write the scan cache ${file}: ${(error as Error).message}`);
  }
}

/**
 * Checks the files as checkFiles does, taking each unchanged file's outcome from the cache and
 * writing the cache back with only the files checked now.
 */
export function checkFilesCached(
  project: Project,
  files: readonly string[],
  checks: readonly FileCheck[],
  runChecks: readonly Check[],
  parseErrorCheck: Check,
  fixSafety: (fixId: string) => boolean,
  options: ScanCacheOptions,
  onFile?: () => void,
): FileBatchResult {
  const file = cacheFilePath(path.resolve(project.root, options.location));
  const header: CacheHeader = { format: FORMAT, version: shipshapeVersion(), key: contextKey(project, runChecks, shipshapeVersion()) };
  const cached = readEntries(file, header, options.warn);
  const kept = new Map<string, CachedFile>();
  const result = emptyBatch();
  const noteModules = checks.some((check) => check.meta.clientGraph);
  const needles = prefilterNeedles(checks);
  let changed = false;
  for (const name of files) {
    onFile?.();
    const wanting = checksWanting(checks, name);
    if (wanting.length === 0) continue;
    const absPath = path.join(project.root, name);
    const hit = cached.get(name);
    const before = statOf(absPath);
    if (hit && sameStat(hit.stat, before) && overlaidText(absPath) === undefined) {
      kept.set(name, hit);
      addOutcome(result, name, before!.size, hit.outcome);
      continue;
    }
    const readAt = Date.now();
    const read = readTextFile(absPath);
    if (!read.ok) {
      result.skipped.push({ path: name, reason: read.reason });
      continue;
    }
    const hash = hashText(read.text);
    const outcome =
      hit?.hash === hash ? hit.outcome : checkFileText(project, name, read.text, wanting, noteModules, parseErrorCheck, fixSafety, needles);
    // The stat taken before the read: a write during the read then shows as a changed stat next time.
    const stat = sameStat(before, statOf(absPath)) ? settled(before, readAt) : null;
    const statKept = stat === null ? hit?.stat === null : sameStat(stat, hit?.stat ?? null);
    if (outcome !== hit?.outcome || !statKept) changed = true;
    kept.set(name, { hash, stat, outcome });
    addOutcome(result, name, read.bytes, outcome);
  }
  if (changed || kept.size !== cached.size) writeEntries(file, header, kept, options.warn);
  return result;
}
