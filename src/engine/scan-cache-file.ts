import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import type { CheckInfo, Finding, ScanResult } from '../types.ts';
import { replaceDurably } from './durable-fs.ts';
import { packageRoot } from './package-root.ts';
import { STATE_DIR } from './state-dir.ts';

// The file and its key, with nothing of the checks: a re-scan where nothing changed reads its whole
// result from here before any check loads.

const FORMAT = 'shipshape-scan-cache';
const FILE_NAME = 'scan-cache';

interface CacheHeader {
  format: string;
  version: string;
  /** Everything besides a file's own text that its checks read: a different key voids every entry. */
  key: string;
  /** The length of the whole result that follows the header; absent or 0 when none was kept. */
  resultBytes?: number;
  /** Its SHA-256: a result is trusted whole or not at all. */
  resultDigest?: string;
  /** The length of the per-file entries after the result: a file of another length is damaged. */
  entriesBytes?: number;
}

/**
 * The checked files' entries, one column each: a re-scan reads 10,000 of them back without building
 * an object per file, and leaves the facts they hold for the project-wide checks as bytes until
 * those checks must run again.
 */
export interface EntryTable {
  /** The checked files, joined by NUL: one key always gives the same list in the same order. */
  names: string;
  /** Each file's text's SHA-256, 32 bytes each. */
  hashes: Uint8Array;
  /** Each file's size, mtimeMs, ctimeMs and ino when its text was hashed; NaN where that stat was too recent to trust. */
  stats: Float64Array;
  /** The findings of each file that has any, or that suppressed any: its index, findings, suppressed count. */
  results: Array<[index: number, findings: Finding[], suppressed: number]>;
  /** Each file's facts and module facts, serialized one after another; a file with neither has an empty range. */
  shared: Uint8Array;
  sharedEnds: Uint32Array;
  /** The project checks' and finishes' findings, while their inputs stand as they were. */
  project: StoredProjectPhase | null;
}

/**
 * What the whole-project phase reported, and every file it may have read besides the checked files'
 * facts: each project file that is not JavaScript or TypeScript (schemas, migrations, tsconfig and
 * package files), and each source file it read, with its stat then.
 */
export interface StoredProjectPhase {
  files: string[];
  stats: Float64Array;
  findings: Finding[];
  suppressed: number;
}

export const HASH_BYTES = 32;
export const STAT_FIELDS = 4;

export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** The last scan's result, valid while every file of the project has the stat it had then. */
export interface StoredResult {
  stats: string;
  result: Omit<ScanResult, 'durationMs'>;
}

export interface CacheContents {
  key: string;
  entries: EntryTable | null;
  stored: StoredResult | null;
}

export interface ScanCacheOptions {
  /** The cache file, or a folder to keep it in. */
  location: string;
  /** A cache that cannot be used is said once, in one line, and the scan goes on without it. */
  warn: (message: string) => void;
  /** The project's stats, when the command took them looking for a stored result, before anything was read. */
  stats?: ProjectStats;
}

/** Every file of the project, stated before anything reads it. */
export interface ProjectStats {
  stats: Map<string, FileStat | null>;
  statedAt: number;
}

/**
 * A file whose stat has not changed is not read again, as git trusts its index. A write within the
 * file system's timestamp granularity of the hash could leave the stat as it was, so a stat is kept
 * only for a file last changed well before it was read; ctime catches tools that put mtime back.
 */
const SETTLED_MS = 2000;

export function statOf(absPath: string): FileStat | null {
  const stat = statSync(absPath, { throwIfNoEntry: false });
  return stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino } : null;
}

export function sameStat(a: FileStat | null, b: FileStat | null): boolean {
  return a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** Whether the stat kept in a column at `index` is `stat`; a NaN kept there (no stat) matches nothing. */
export function sameStatAt(column: Float64Array, index: number, stat: FileStat | null): boolean {
  const at = index * STAT_FIELDS;
  return (
    stat !== null &&
    column[at] === stat.size &&
    column[at + 1] === stat.mtimeMs &&
    column[at + 2] === stat.ctimeMs &&
    column[at + 3] === stat.ino
  );
}

export function setStatAt(column: Float64Array, index: number, stat: FileStat | null): void {
  const at = index * STAT_FIELDS;
  column[at] = stat?.size ?? NaN;
  column[at + 1] = stat?.mtimeMs ?? NaN;
  column[at + 2] = stat?.ctimeMs ?? NaN;
  column[at + 3] = stat?.ino ?? NaN;
}

export function settled(stat: FileStat | null, readAt: number): FileStat | null {
  return stat && Math.max(stat.mtimeMs, stat.ctimeMs) < readAt - SETTLED_MS ? stat : null;
}

export function statProject(project: Project): ProjectStats {
  const statedAt = Date.now();
  const stats = new Map<string, FileStat | null>();
  for (const file of project.files) stats.set(file, statOf(path.join(project.root, file)));
  return { stats, statedAt };
}

/** One digest of every file's stat; null when a file is missing or too recent for its stat to be trusted. */
export function statsDigest(project: Project, statOfFile: (file: string) => FileStat | null, statedAt: number): string | null {
  const hash = createHash('sha256');
  for (const file of project.files) {
    const stat = settled(statOfFile(file), statedAt);
    if (!stat) return null;
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.ino}\n`);
  }
  return hash.digest('base64');
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
export function cacheFilePath(project: Project, options: ScanCacheOptions): string {
  const location = path.resolve(project.root, options.location);
  const isFolder = /[\\/]$/.test(location) || (existsSync(location) && statSync(location).isDirectory());
  return isFolder ? path.join(location, FILE_NAME) : location;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

export function textDigest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The checks a scan runs: those asked for, less those the config disables. */
export function enabledChecks<T extends CheckInfo>(project: Project, checks: readonly T[]): T[] {
  const disabled = new Set(project.config.disable);
  return checks.filter((check) => !disabled.has(check.meta.id));
}

/**
 * A file check reads its file and the Project: packages, the file list, env files (whose values
 * redaction hides), the config. Their hash, with the version and the checks that run, keys the cache.
 */
export function contextKey(project: Project, checks: readonly CheckInfo[]): string {
  const envTexts = project.envFiles.map((env) => {
    const read = readTextFile(path.join(project.root, env.path));
    return read.ok ? hashText(read.text) : null;
  });
  const { source: _source, ...config } = project.config;
  return createHash('sha256')
    .update(
      JSON.stringify([
        shipshapeVersion(),
        checks.map((check) => [check.meta.id, check.meta.severity, check.meta.fix ?? null]),
        { ...project, config },
        envTexts,
      ]),
    )
    .digest('base64');
}

function isEntryTable(table: unknown): table is EntryTable {
  const candidate = table as EntryTable | null;
  if (typeof candidate?.names !== 'string') return false;
  const count = candidate.names === '' ? 0 : candidate.names.split('\0').length;
  const project = candidate.project;
  return (
    candidate.hashes instanceof Uint8Array &&
    candidate.hashes.length === count * HASH_BYTES &&
    candidate.stats instanceof Float64Array &&
    candidate.stats.length === count * STAT_FIELDS &&
    candidate.sharedEnds instanceof Uint32Array &&
    candidate.sharedEnds.length === count &&
    candidate.shared instanceof Uint8Array &&
    (count === 0 || candidate.sharedEnds[count - 1] === candidate.shared.length) &&
    Array.isArray(candidate.results) &&
    candidate.results.every(
      ([index, findings, suppressed]) => index < count && Array.isArray(findings) && typeof suppressed === 'number',
    ) &&
    (project === null ||
      (Array.isArray(project?.files) &&
        project.stats instanceof Float64Array &&
        project.stats.length === project.files.length * STAT_FIELDS &&
        Array.isArray(project.findings) &&
        typeof project.suppressed === 'number'))
  );
}

function isStoredResult(stored: unknown): stored is StoredResult {
  const candidate = stored as StoredResult | null;
  return (
    typeof candidate?.stats === 'string' &&
    Array.isArray(candidate.result?.findings) &&
    Array.isArray(candidate.result.skipped) &&
    typeof candidate.result.files === 'number'
  );
}

/** The header line and the stored result, without the per-file entries after them (most of the file). */
function headAndResult(file: string): { bytes: Buffer; fileBytes: number } {
  const fd = openSync(file, 'r');
  try {
    const fileBytes = fstatSync(fd).size;
    const head = Buffer.allocUnsafe(4096);
    const headLength = readSync(fd, head, 0, head.length, 0);
    const newline = head.subarray(0, headLength).indexOf(0x0a);
    if (newline < 0) return { bytes: head.subarray(0, headLength), fileBytes };
    let resultBytes = 0;
    try {
      resultBytes = Math.max(0, Number((JSON.parse(head.subarray(0, newline).toString('utf8')) as CacheHeader).resultBytes) || 0);
    } catch {
      return { bytes: head.subarray(0, headLength), fileBytes };
    }
    const bytes = Buffer.allocUnsafe(Math.min(newline + 1 + resultBytes, fileBytes));
    return { bytes: bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0)), fileBytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * The cache for this key: its per-file entries (unless only the result is wanted) and the last
 * result. A damaged or foreign file is said once and read as empty; one for another key is empty.
 */
export function readCache(file: string, key: string, warn: (message: string) => void, wantEntries: boolean): CacheContents {
  const empty: CacheContents = { key, entries: null, stored: null };
  let bytes: Buffer;
  let fileBytes: number;
  try {
    if (wantEntries) {
      bytes = readFileSync(file);
      fileBytes = bytes.length;
    } else {
      ({ bytes, fileBytes } = headAndResult(file));
    }
  } catch {
    return empty;
  }
  const newline = bytes.indexOf(0x0a);
  let found: CacheHeader | null;
  let stored: unknown = null;
  let entries: unknown = null;
  try {
    found = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as CacheHeader;
    if (found.format === FORMAT && found.version === shipshapeVersion()) {
      const resultEnd = newline + 1 + (found.resultBytes ?? 0);
      if (found.entriesBytes !== undefined && fileBytes !== resultEnd + found.entriesBytes) throw new Error('a cache of another length');
      if (found.resultBytes) {
        const result = bytes.subarray(newline + 1, resultEnd);
        if (createHash('sha256').update(result).digest('base64') !== found.resultDigest) throw new Error('a changed result');
        stored = deserialize(result);
      }
      if (wantEntries && resultEnd < bytes.length) entries = deserialize(bytes.subarray(resultEnd));
    }
  } catch {
    found = null;
  }
  if (found?.format === FORMAT && found.version !== shipshapeVersion()) {
    warn(`ignoring the scan cache ${file}: it was written by shipshape ${String(found.version)}`);
    return empty;
  }
  const valid = found?.format === FORMAT && (entries === null || isEntryTable(entries)) && (stored === null || isStoredResult(stored));
  if (!valid) {
    warn(`ignoring the scan cache ${file}: it is not a shipshape scan cache or it is damaged`);
    return empty;
  }
  return found!.key === key ? { key, entries: entries as EntryTable | null, stored: stored as StoredResult | null } : empty;
}

export function writeCache(file: string, contents: CacheContents, warn: (message: string) => void): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const result = contents.stored ? serialize(contents.stored) : Buffer.alloc(0);
    const entries = contents.entries ? serialize(contents.entries) : Buffer.alloc(0);
    const header: CacheHeader = {
      format: FORMAT,
      version: shipshapeVersion(),
      key: contents.key,
      resultBytes: result.length,
      resultDigest: createHash('sha256').update(result).digest('base64'),
      entriesBytes: entries.length,
    };
    replaceDurably(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), result, entries]));
  } catch (error) {
    warn(`could not write the scan cache ${file}: ${(error as Error).message}`);
  }
}

/**
 * The last scan's result when neither the key nor any file's stat has changed since: the whole
 * scan, project checks included, is then known without loading a check. Without one, the stats
 * it took serve the scan that runs instead.
 */
export function cachedScanResult(
  project: Project,
  checks: readonly CheckInfo[],
  options: ScanCacheOptions,
): { result: ScanResult | null; stats: ProjectStats } {
  const started = performance.now();
  const stats = statProject(project);
  // Silent: a cache that cannot serve is said by the scan that then runs.
  const { stored } = readCache(cacheFilePath(project, options), contextKey(project, enabledChecks(project, checks)), () => {}, false);
  if (!stored || statsDigest(project, (file) => stats.stats.get(file) ?? null, stats.statedAt) !== stored.stats)
    return { result: null, stats };
  return { result: { ...stored.result, durationMs: Math.round(performance.now() - started) }, stats };
}
