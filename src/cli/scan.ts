import { Option, type Command } from './commander.ts';
import { UsageError } from '../errors.ts';
import { createBaseline, readBaseline } from '../engine/baseline.ts';
import { changedSince, stagedFiles, touchesChange } from '../project/git-changes.ts';
import { cachedScanResult, defaultCacheLocation } from '../engine/scan-cache-file.ts';
import { repoPathOf, scannedDir } from '../report/repo-paths.ts';
import type { ReportInput } from '../report/types.ts';
import { SEVERITIES, severityRank, type Severity } from '../types.ts';
import { EXIT, VERSION, collect, colorEnabled, createLogger, emit, load, selectChecks, splitList } from './common.ts';
import { checkCatalog } from './list.ts';
import { loadSqlParser, needsSqlParser } from '../sql/pg-parser.ts';
import { createProgress } from './progress.ts';
import { fromCwd, io } from './io.ts';

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
type Format = (typeof FORMATS)[number];

type Render = (input: ReportInput, color: boolean) => string;

/** Each format's renderer, loaded only when that format is asked for. */
const RENDER: Record<Format, () => Promise<Render>> = {
  text: async () => {
    const { renderText } = await import('../report/text.ts');
    return (input, color) => renderText(input, { color });
  },
  json: async () => (await import('../report/json.ts')).renderJson,
  sarif: async () => (await import('../report/sarif.ts')).renderSarif,
  github: async () => (await import('../report/github.ts')).renderGithub,
  gitlab: async () => (await import('../report/gitlab.ts')).renderGitlab,
  junit: async () => (await import('../report/junit.ts')).renderJunit,
};

interface ScanFlags {
  format: Format;
  output?: string;
  failOn: Severity | 'none';
  only?: string[];
  skip?: string[];
  baseline?: string;
  writeBaseline?: string;
  quiet?: boolean;
  color?: boolean;
  workers?: string;
  changedSince?: string;
  staged?: boolean;
  sarifCategory?: string;
  sarifFixes?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

/** One category per scanned folder, so scans of two apps of a monorepo keep their own alerts. */
function defaultSarifCategory(dir: string): string {
  return dir === '.' ? 'shipshape' : `shipshape/${dir}`;
}

export function registerScan(program: Command, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description('find the problems that break the app at launch')
    .argument('[dir]', 'the app to scan', '.')
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists')
        .choices([...SEVERITIES, 'none'])
        .default('high'),
    )
    .option('--only <ids>', 'run only these checks or categories (comma-separated, repeatable)', collect)
    .option('--skip <ids>', 'skip these checks or categories (comma-separated, repeatable)', collect)
    .option('--baseline <file>', 'hide the findings recorded in this baseline')
    .option('--write-baseline <file>', 'record the current findings as a baseline')
    .addOption(new Option('--changed-since <ref>', 'report only findings in files changed since this git ref').conflicts('staged'))
    .option('--staged', 'report only findings in files staged for commit (for pre-commit hooks)')
    .option('--sarif-category <id>', 'SARIF automationDetails id, to keep several runs apart (default: shipshape/<dir>)')
    .option('--no-sarif-fixes', 'leave the changes of safe fixes out of SARIF results')
    .option('--workers <count>', 'worker threads to spread the files over (0: none; default: by repository size and cores)')
    .option('--cache', 'check only the files changed since the last cached scan')
    .option('--cache-location <path>', 'where --cache keeps its file, a file or a folder (implies --cache)')
    .option('--quiet', 'no progress or log lines on stderr')
    .option('--no-color', 'no colour, even on a terminal')
    .action(async (dir: string, flags: ScanFlags) => {
      const logger = createLogger(Boolean(flags.quiet));
      const render = RENDER[flags.format]();
      const only = splitList(flags.only);
      const skip = splitList(flags.skip);
      const catalog = await checkCatalog();
      const checks = selectChecks(catalog, only, skip);
      const workers = flags.workers === undefined ? 'auto' : Number(flags.workers);
      if (workers !== 'auto' && (!Number.isInteger(workers) || workers < 0)) {
        throw new UsageError(
          `--workers takes a whole number, got "${flags.workers}"`,
          'for example --workers 2, or 0 to scan on the main thread',
        );
      }
      const known = flags.baseline ? readBaseline(fromCwd(flags.baseline)) : null;
      const project = load(dir, new Set(catalog.map((check) => check.meta.id)));
      const changed = flags.changedSince ? changedSince(project.root, flags.changedSince) : flags.staged ? stagedFiles(project.root) : null;
      const progress = createProgress('scanning', !flags.quiet && !io().env.NO_COLOR && !io().env.CI);
      const cache =
        flags.cache || flags.cacheLocation
          ? {
              location: flags.cacheLocation ? fromCwd(flags.cacheLocation) : defaultCacheLocation(project.root),
              warn: (message: string) => logger.warn(message),
            }
          : undefined;
      // A re-scan where nothing changed is answered from the cache before any check loads.
      const stored = cache ? cachedScanResult(project, checks, cache) : null;
      const result =
        stored?.result ??
        (await (async () => {
          // The SQL parser's WebAssembly compiles off the main thread while the checks load.
          const sqlParser = needsSqlParser(project) ? loadSqlParser() : null;
          const [{ scan }, { CHECKS }] = await Promise.all([import('../engine/scan.ts'), import('../registry.ts'), sqlParser]);
          return scan(project, {
            checks: selectChecks(CHECKS, only, skip),
            workers,
            onProgress: progress.update,
            cache: cache && { ...cache, stats: stored?.stats },
          });
        })());
      progress.stop();

      if (flags.writeBaseline) {
        emit(createBaseline(result.findings), flags.writeBaseline);
        logger.info(`wrote a baseline of ${result.findings.length} finding(s) to ${flags.writeBaseline}`);
      }
      let baselined = 0;
      if (known) {
        const before = result.findings.length;
        result.findings = result.findings.filter((finding) => !known.has(finding.fingerprint));
        baselined = before - result.findings.length;
      }
      // The whole project was scanned, so the client graph and env files are complete; only the report is narrowed.
      let outsideChange: number | undefined;
      if (changed) {
        const before = result.findings.length;
        result.findings = result.findings.filter((finding) => touchesChange(finding, changed));
        outsideChange = before - result.findings.length;
      }
      for (const skipped of result.skipped.filter((s) => s.reason === 'unreadable')) {
        logger.warn(`could not read ${skipped.path}; it was skipped`);
      }
      const sarif = flags.format === 'sarif';
      const input: ReportInput = {
        project,
        result,
        checks,
        baselined,
        version: VERSION,
        outsideChange,
        sarifCategory: flags.sarifCategory ?? defaultSarifCategory(scannedDir(project)),
        // Planning fixes loads the transforms and the formatter: only SARIF pays for it.
        fixes:
          sarif && flags.sarifFixes !== false
            ? await (await import('../report/sarif-fixes.ts')).plannedFixes(project, result.findings, repoPathOf(project))
            : undefined,
      };
      const color = flags.color !== false && !flags.output && colorEnabled(io().stdout);
      const report = (await render)(input, color);
      emit(report, flags.output);
      if (flags.output) logger.info(`wrote the ${flags.format} report to ${flags.output}`);

      const threshold = flags.failOn === 'none' ? -1 : severityRank(flags.failOn);
      const failing = result.findings.some((finding) => severityRank(finding.severity) <= threshold);
      setExit(failing ? EXIT.findings : EXIT.ok);
    });
}
