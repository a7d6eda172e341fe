import path from 'node:path';
import { fileOverlayInForce, overlaidText, readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import type { Check, FileCheck, ScanResult } from '../types.ts';
import { addOutcome, addPrefilterNeedles, checkFileText, checksWanting, emptyBatch, type FileBatchResult } from './check-files.ts';
import {
  cacheFilePath,
  contextKey,
  hashText,
  readCache,
  sameStat,
  settled,
  statOf,
  statProject,
  statsDigest,
  writeCache,
  type CachedFile,
  type ScanCacheOptions,
} from './scan-cache-file.ts';

export { defaultCacheLocation, type ScanCacheOptions } from './scan-cache-file.ts';

export interface CachedBatch {
  batch: FileBatchResult;
  /** Writes the cache back with the files checked now and, when every file's stat can be trusted, the scan's whole result. */
  commit(result: ScanResult): void;
}

/**
 * Checks the files as checkFiles does, taking each unchanged file's outcome from the cache. Every
 * file of the project is stated first, before anything reads it: a file written during the scan then
 * shows as changed next time.
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
): CachedBatch {
  const file = cacheFilePath(project, options);
  const { stats, statedAt } = options.stats ?? statProject(project);
  const cached = readCache(file, contextKey(project, runChecks), options.warn, true);
  const kept = new Map<string, CachedFile>();
  const result = emptyBatch();
  const noteModules = checks.some((check) => check.meta.clientGraph);
  addPrefilterNeedles(checks);
  const wantedBy = checksWanting(checks);
  let changed = false;
  for (const name of files) {
    onFile?.();
    const wanting = wantedBy(name);
    if (wanting.length === 0) continue;
    const absPath = path.join(project.root, name);
    const hit = cached.entries.get(name);
    const before = stats.get(name) ?? null;
    const overlaid = overlaidText(absPath) !== undefined;
    if (hit && sameStat(hit.stat, before) && !overlaid) {
      kept.set(name, hit);
      addOutcome(result, name, before!.size, hit.outcome);
      continue;
    }
    const read = readTextFile(absPath);
    if (!read.ok) {
      result.skipped.push({ path: name, reason: read.reason });
      continue;
    }
    const hash = hashText(read.text);
    const outcome =
      hit?.hash === hash ? hit.outcome : checkFileText(project, name, read.text, wanting, noteModules, parseErrorCheck, fixSafety);
    // The stat taken before the read: a write during the read then shows as a changed stat next time.
    const stat = !overlaid && sameStat(before, statOf(absPath)) ? settled(before, statedAt) : null;
    const statKept = stat === null ? hit?.stat === null : sameStat(stat, hit?.stat ?? null);
    if (outcome !== hit?.outcome || !statKept) changed = true;
    kept.set(name, { hash, stat, outcome });
    addOutcome(result, name, read.bytes, outcome);
  }
  return {
    batch: result,
    commit: (scanned) => {
      // A result from planned contents is not the disk's.
      const digest = fileOverlayInForce() ? null : statsDigest(project, (name) => stats.get(name) ?? null, statedAt);
      const { durationMs: _durationMs, ...whole } = scanned;
      const stored = digest ? { stats: digest, result: whole } : null;
      if (changed || kept.size !== cached.entries.size || cached.stored?.stats !== stored?.stats) {
        writeCache(file, { key: cached.key, entries: kept, stored }, options.warn);
      }
    },
  };
}
