import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fileOverlayInForce, overlaidText, readCheckedFile } from '../project/files.ts';
import { isSourceFile } from '../project/load-project.ts';
import type { Project } from '../project/types.ts';
import type { Check, FileCheck, Finding, ScanResult } from '../types.ts';
import type { ModuleFacts } from '../analysis/client-graph.ts';
import {
  addOutcome,
  addPrefilterNeedles,
  addProjectInputs,
  checkFileText,
  checksWanting,
  emptyBatch,
  type FileBatchResult,
  type FileOutcome,
} from './check-files.ts';
import {
  HASH_BYTES,
  STAT_FIELDS,
  cacheFilePath,
  contextKey,
  readCache,
  sameStat,
  sameStatAt,
  setStatAt,
  settled,
  statOf,
  statProject,
  statsDigest,
  textDigest,
  writeCache,
  type EntryTable,
  type FileStat,
  type ScanCacheOptions,
  type StoredProjectPhase,
} from './scan-cache-file.ts';

export { defaultCacheLocation, type ScanCacheOptions } from './scan-cache-file.ts';

export interface ProjectPhaseResult {
  findings: Finding[];
  suppressed: number;
}

export interface CachedBatch {
  /** The files' findings and counts; their facts and module facts only once `fillProjectInputs` ran. */
  batch: FileBatchResult;
  /** The last scan's project-wide findings, when neither the files' facts nor any file that phase read has changed since. */
  storedProjectPhase(): ProjectPhaseResult | null;
  fillProjectInputs(): void;
  /**
   * Writes the cache back with the files checked now, the project-wide findings (with the absolute
   * paths of the files read to make them, or null to keep none) and, when every file's stat can be
   * trusted, the scan's whole result.
   */
  commit(result: ScanResult, projectPhase: { result: ProjectPhaseResult; reads: ReadonlySet<string> } | null): void;
}

type SharedFacts = [facts: FileOutcome['facts'], module: ModuleFacts | null];

const NO_FACTS = new Uint8Array(0);

function sharedBytes(outcome: FileOutcome): Uint8Array {
  return outcome.facts.length === 0 && outcome.module === null
    ? NO_FACTS
    : serialize([outcome.facts, outcome.module] satisfies SharedFacts);
}

/** File `index`'s facts in a table's shared bytes. */
function factsAt(shared: Uint8Array, ends: Uint32Array, index: number): Uint8Array {
  return shared.subarray(index === 0 ? 0 : ends[index - 1], ends[index]);
}

const hashAt = (hashes: Uint8Array, index: number) => hashes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** A stat kept for the project phase: NaN there is a file that was not found, as `stat` null is now. */
function keptStatMatches(column: Float64Array, index: number, stat: FileStat | null): boolean {
  return stat === null ? Number.isNaN(column[index * STAT_FIELDS]) : sameStatAt(column, index, stat);
}

/** A file the project phase read, as the project names it (relative, with forward slashes), or its absolute path outside the project. */
function projectName(project: Project, absPath: string): string {
  const relative = path.relative(project.root, absPath);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absPath : relative.split(path.sep).join('/');
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
  const names = files.join('\0');
  // One key gives one list of files; a table for another list is of no use.
  const table: EntryTable | null = cached.entries?.names === names ? cached.entries : null;
  const oldResults = new Map(table?.results.map(([index, findings, suppressed]) => [index, { findings, suppressed }]));
  const count = files.length;
  const hashes = new Uint8Array(count * HASH_BYTES);
  const fileStats = new Float64Array(count * STAT_FIELDS);
  const results: EntryTable['results'] = [];
  const shared: Uint8Array[] = [];
  // Outcomes worked out now; the others' facts stay in the old table's bytes.
  const fresh = new Map<number, FileOutcome>();
  const result = emptyBatch();
  const noteModules = checks.some((check) => check.meta.clientGraph);
  addPrefilterNeedles(checks);
  const wantedBy = checksWanting(checks);
  let changed = table === null;
  let inputsChanged = table === null;
  const oldShared = (index: number) => factsAt(table!.shared, table!.sharedEnds, index);
  const keep = (index: number, bytes: number) => {
    hashes.set(hashAt(table!.hashes, index), index * HASH_BYTES);
    shared.push(oldShared(index));
    result.files++;
    result.bytes += bytes;
    const old = oldResults.get(index);
    if (!old) return;
    results.push([index, old.findings, old.suppressed]);
    result.findings.push(...old.findings);
    result.suppressed += old.suppressed;
  };
  for (let index = 0; index < count; index++) {
    const name = files[index]!;
    onFile?.();
    const wanting = wantedBy(name);
    const absPath = path.join(project.root, name);
    const before = stats.get(name) ?? null;
    const overlaid = overlaidText(absPath) !== undefined;
    if (wanting.length > 0 && table && !overlaid && sameStatAt(table.stats, index, before)) {
      setStatAt(fileStats, index, before);
      keep(index, before!.size);
      continue;
    }
    setStatAt(fileStats, index, null);
    if (wanting.length === 0) {
      shared.push(NO_FACTS);
      continue;
    }
    const read = readCheckedFile(absPath);
    if (!read.ok) {
      result.skipped.push({ path: name, reason: read.reason });
      shared.push(NO_FACTS);
      changed = true;
      if (table && oldShared(index).length > 0) inputsChanged = true;
      continue;
    }
    const digest = textDigest(read.text);
    // The stat taken before the read: a write during the read then shows as a changed stat next time.
    const stat = !overlaid && sameStat(before, statOf(absPath)) ? settled(before, statedAt) : null;
    setStatAt(fileStats, index, stat);
    if (table && !sameStatAt(table.stats, index, stat)) changed = true;
    if (table && sameBytes(hashAt(table.hashes, index), digest)) {
      keep(index, read.bytes);
      continue;
    }
    changed = true;
    const outcome = checkFileText(project, name, read.text, wanting, noteModules, parseErrorCheck, fixSafety);
    fresh.set(index, outcome);
    hashes.set(digest, index * HASH_BYTES);
    const bytes = sharedBytes(outcome);
    if (table && !sameBytes(bytes, oldShared(index))) inputsChanged = true;
    shared.push(bytes);
    if (outcome.findings.length > 0 || outcome.suppressed > 0) results.push([index, outcome.findings, outcome.suppressed]);
    // Facts and modules are filled in file order by fillProjectInputs; the rest goes in now.
    addOutcome(result, name, read.bytes, { ...outcome, facts: [], module: null });
  }
  const sharedEnds = new Uint32Array(count);
  let end = 0;
  shared.forEach((bytes, index) => (sharedEnds[index] = end += bytes.length));
  const entries: Omit<EntryTable, 'project'> = { names, hashes, stats: fileStats, results, shared: Buffer.concat(shared), sharedEnds };

  // The project phase's findings hold while the facts it is given and every file it read are as they were.
  const phase = table?.project ?? null;
  const phaseHolds =
    phase !== null &&
    !inputsChanged &&
    !fileOverlayInForce() &&
    phase.files.every((name, index) =>
      keptStatMatches(phase.stats, index, stats.has(name) ? stats.get(name)! : statOf(path.resolve(project.root, name))),
    );
  let kept = phaseHolds ? phase : null;

  return {
    batch: result,
    storedProjectPhase: () => (kept ? { findings: kept.findings, suppressed: kept.suppressed } : null),
    fillProjectInputs: () => {
      for (let index = 0; index < count; index++) {
        const outcome = fresh.get(index);
        const bytes = factsAt(entries.shared, sharedEnds, index);
        const [facts, module] = outcome
          ? [outcome.facts, outcome.module]
          : bytes.length > 0
            ? (deserialize(bytes) as SharedFacts)
            : [[], null];
        addProjectInputs(result, files[index]!, facts, module);
      }
    },
    commit: (scanned, projectPhase) => {
      // A result from planned contents is not the disk's.
      const overlay = fileOverlayInForce();
      const digest = overlay ? null : statsDigest(project, (name) => stats.get(name) ?? null, statedAt);
      const { durationMs: _durationMs, ...whole } = scanned;
      const stored = digest ? { stats: digest, result: whole } : null;
      if (projectPhase && !overlay) {
        kept = keptProjectPhase(project, stats, statedAt, projectPhase.result, projectPhase.reads);
        changed = true;
      }
      if (changed || cached.stored?.stats !== stored?.stats) {
        writeCache(file, { key: cached.key, entries: { ...entries, project: kept }, stored }, options.warn);
      }
    },
  };
}

/**
 * The project phase's record: every project file that is not source, and every source file the
 * phase read, each with a stat old enough to trust. None when a file changed too recently to tell.
 */
function keptProjectPhase(
  project: Project,
  stats: ReadonlyMap<string, FileStat | null>,
  statedAt: number,
  result: ProjectPhaseResult,
  reads: ReadonlySet<string>,
): StoredProjectPhase | null {
  const files = new Set(project.files.filter((name) => !isSourceFile(name)));
  for (const absPath of reads) files.add(projectName(project, absPath));
  const list = [...files];
  const column = new Float64Array(list.length * STAT_FIELDS);
  for (const [index, name] of list.entries()) {
    const now = statOf(path.resolve(project.root, name));
    const before = stats.has(name) ? stats.get(name)! : now;
    // A read that found no file is kept as no file; one found is kept only with a settled stat.
    if (now === null && before === null) {
      setStatAt(column, index, null);
      continue;
    }
    const stat = sameStat(before, now) ? settled(now, statedAt) : null;
    if (!stat) return null;
    setStatAt(column, index, stat);
  }
  return { files: list, stats: column, findings: result.findings, suppressed: result.suppressed };
}
