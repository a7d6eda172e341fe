import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readTextFile, withReadLog } from '../project/files.ts';
import { rememberEnvValues } from '../secrets/redact.ts';
import { loadSqlParser, needsSqlParser } from '../sql/pg-parser.ts';
import type { Project } from '../project/types.ts';
import { CHECKS, findCheck, fixIsSafe } from '../registry.ts';
import {
  severityRank,
  type Check,
  type CheckMeta,
  type FileCheck,
  type Finding,
  type ProjectCheck,
  type ProjectReportInput,
  type ScanResult,
} from '../types.ts';
import { checkFiles, checksWanting, fileChecks, type FileBatchResult } from './check-files.ts';
import { seedModuleFacts } from '../analysis/client-graph.ts';
import { FileFindings } from './findings.ts';
import { checkFilesCached } from './scan-cache.ts';
import { enabledChecks, type ScanCacheOptions } from './scan-cache-file.ts';

export interface ScanOptions {
  /** The checks to run; all of them by default. */
  checks?: readonly Check[];
  /** Worker threads: 'auto' spreads large repositories over the available cores. */
  workers?: number | 'auto';
  onProgress?: (done: number, total: number) => void;
  /** Keep each file's outcome by its text's hash, and check only the files whose text changed. */
  cache?: ScanCacheOptions;
}

export type { ScanResult } from '../types.ts';

/**
 * Threads pay only with cores to spare and files to share: measured on 2 vCPUs, a worker thread
 * slowed every scan (10k and 50k files, with and without parsing), so below 4 cores none start.
 */
const MIN_CORES_FOR_WORKERS = 4;
const FILES_PER_WORKER = 2000;

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

const scannedProjects = new WeakSet<Project>();

function runningFromSource(): boolean {
  return import.meta.url.endsWith('.ts');
}

function workerCount(option: ScanOptions['workers'], candidates: number): number {
  if (typeof option === 'number') return Math.max(0, option);
  if (runningFromSource()) return 0;
  const cores = availableParallelism();
  if (cores < MIN_CORES_FOR_WORKERS || candidates < FILES_PER_WORKER * 2) return 0;
  return Math.min(cores - 1, Math.floor(candidates / FILES_PER_WORKER));
}

/** Spreads the files over worker threads, the main thread taking a share of its own. */
async function runSpread(
  project: Project,
  files: string[],
  checks: FileCheck[],
  count: number,
  onFile: () => void,
): Promise<FileBatchResult[]> {
  // Interleaved, so each thread gets a similar mix of small and large folders.
  const shares = count + 1;
  const chunks = Array.from({ length: shares }, (_, i) => files.filter((_, index) => index % shares === i));
  const workerUrl = new URL('./scan-worker.js', import.meta.url);
  const checkIds = checks.map((check) => check.meta.id);
  const inWorkers = chunks.slice(1).map(
    (chunk) =>
      new Promise<FileBatchResult>((resolve, reject) => {
        const worker = new Worker(fileURLToPath(workerUrl), { workerData: { project, files: chunk, checkIds } });
        worker.on('message', (message: { progress?: number; result?: FileBatchResult }) => {
          if (message.progress) for (let i = 0; i < message.progress; i++) onFile();
          if (message.result) resolve(message.result);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
        });
      }),
  );
  const onMain = checkFiles(project, chunks[0]!, checks, findCheck('parse-error')!, fixIsSafe, onFile);
  return [onMain, ...(await Promise.all(inWorkers))];
}

interface WholeProjectRun {
  meta: CheckMeta;
  run(report: (input: ProjectReportInput) => void): void;
}

/** Project checks and file checks' `finish` report across files; each file is read at most once for its lines. */
function runWholeProject(project: Project, runs: readonly WholeProjectRun[]): { findings: Finding[]; suppressed: number } {
  const byFile = new Map<string, FileFindings>();
  const collectorFor = (file: string) => {
    let collector = byFile.get(file);
    if (!collector) {
      const read = readTextFile(path.join(project.root, file));
      collector = new FileFindings(project, file, read.ok ? read.text : null, fixIsSafe);
      byFile.set(file, collector);
    }
    return collector;
  };
  for (const { meta, run } of runs) run((input) => collectorFor(input.file).add(meta, input));
  const collectors = [...byFile.values()];
  return { findings: collectors.flatMap((c) => c.findings), suppressed: collectors.reduce((n, c) => n + c.suppressed, 0) };
}

export async function scan(project: Project, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  rememberEnvValues(project.root, project.envFiles);
  // The schema checks read migrations, and name tables and columns, with the PostgreSQL parser, which
  // loads asynchronously once: a project with no SQL and no Prisma schema never pays for it.
  if (needsSqlParser(project)) await loadSqlParser();
  const checks = enabledChecks(project, options.checks ?? CHECKS);
  const perFile = fileChecks(checks);
  const wantedBy = checksWanting(perFile);
  const candidates = project.files.filter((file) => wantedBy(file).length > 0);
  let done = 0;
  const onFile = () => options.onProgress?.(++done, candidates.length);

  const count = options.cache ? 0 : workerCount(options.workers ?? 'auto', candidates.length);
  const parseError = findCheck('parse-error')!;
  // What a cached scan reads besides the files it checks, so the cache can tell when its project-wide findings still hold.
  // A project scanned before in this process may have read some of that already, unnoted.
  const reads = options.cache && !scannedProjects.has(project) ? new Set<string>() : null;
  scannedProjects.add(project);
  const logReads = <T>(run: () => T): T => (reads ? withReadLog(reads, run) : run());
  const cached = options.cache
    ? logReads(() => checkFilesCached(project, candidates, perFile, checks, parseError, fixIsSafe, options.cache!, onFile))
    : null;
  const batches = cached
    ? [cached.batch]
    : count > 0
      ? await runSpread(project, candidates, perFile, count, onFile)
      : [checkFiles(project, candidates, perFile, parseError, fixIsSafe, onFile)];

  const stored = cached?.storedProjectPhase() ?? null;
  if (!stored) cached?.fillProjectInputs();
  const facts = (id: string) => batches.flatMap((batch) => batch.facts[id] ?? []);
  for (const batch of batches) seedModuleFacts(project, batch.modules);
  const runProjectPhase = () =>
    runWholeProject(project, [
      ...checks
        .filter((check): check is ProjectCheck => check.kind === 'project')
        .map((check) => ({
          meta: check.meta,
          run: (report: (input: ProjectReportInput) => void) => check.check({ project, report }),
        })),
      ...perFile.flatMap((check) =>
        check.finish
          ? [
              {
                meta: check.meta,
                run: (report: (input: ProjectReportInput) => void) => check.finish!({ project, facts: facts(check.meta.id), report }),
              },
            ]
          : [],
      ),
    ]);
  const projectResult = stored ?? logReads(runProjectPhase);
  const findings = [...batches.flatMap((batch) => batch.findings), ...projectResult.findings].sort(compareFindings);
  const skipped = [...project.skipped, ...batches.flatMap((batch) => batch.skipped)].sort((a, b) => a.path.localeCompare(b.path));
  const result: ScanResult = {
    findings,
    suppressed: batches.reduce((n, batch) => n + batch.suppressed, projectResult.suppressed),
    files: batches.reduce((n, batch) => n + batch.files, 0),
    bytes: batches.reduce((n, batch) => n + batch.bytes, 0),
    skipped,
    durationMs: Math.round(performance.now() - started),
  };
  cached?.commit(result, stored || !reads ? null : { result: projectResult, reads });
  return result;
}
