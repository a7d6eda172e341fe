import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../engine/scan.ts';
import { loadProject } from '../project/load-project.ts';
import { CHECKS, CHECK_IDS } from '../registry.ts';
import { redactLine } from '../secrets/redact.ts';
import type { Check, Finding } from '../types.ts';

/** Lines of a file shown in full at most; a longer file is cut after them. */
const MAX_LINES = 25;

export interface CodeSample {
  /** The file's path inside the fixture case, as the app has it. */
  file: string;
  /** Its path in the repository, where `.gitignore` is stored as `_gitignore`. */
  stored: string;
  /** The lines as the text report prints them: a gutter with line numbers, `>` on the finding's line. */
  frame: string;
}

export interface FiringExample {
  case: string;
  sample: CodeSample;
  location: string;
  severity: string;
  message: string;
}

export interface QuietExample {
  case: string;
  sample: CodeSample;
}

export interface CheckExamples {
  fires: FiringExample;
  quiet: QuietExample;
}

interface FixtureCase {
  name: string;
  expectsFindings: boolean;
}

/** The check's fixture cases, those that need no git set-up first (`<case>.setup.json`), in name order. */
function fixtureCases(caseDir: string): FixtureCase[] {
  return readdirSync(caseDir)
    .filter((name) => existsSync(path.join(caseDir, `${name}.expected.json`)) && !existsSync(path.join(caseDir, `${name}.setup.json`)))
    .sort()
    .map((name) => ({
      name,
      expectsFindings: (JSON.parse(readFileSync(path.join(caseDir, `${name}.expected.json`), 'utf8')) as unknown[]).length > 0,
    }));
}

function frame(lines: readonly string[], firstLine: number, markedLine: number | null): string {
  const width = String(firstLine + lines.length - 1).length;
  return lines
    .map((text, i) => {
      const line = firstLine + i;
      return `${line === markedLine ? '>' : ' '} ${String(line).padStart(width)} | ${text}`.trimEnd();
    })
    .join('\n');
}

/** The head of a file, each line masked the way reports mask them. */
function fileHead(root: string, file: string): string[] {
  const lines = readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, MAX_LINES).map((line) => redactLine(line, file));
  if (lines.length > MAX_LINES) shown.push('…');
  return shown;
}

function filesIn(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesIn(root, relative) : [relative];
    })
    .sort();
}

const storedPath = (file: string) => file.replace(/(^|\/)\.gitignore$/, '$1_gitignore');

/** A copy of the case with its `_gitignore` files restored, as the fixture tests run it. */
function copyCase(source: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'shipshape-docs-'));
  cpSync(source, root, { recursive: true });
  for (const file of filesIn(root))
    if (path.posix.basename(file) === '_gitignore')
      renameSync(path.join(root, file), path.join(root, file.replace(/_gitignore$/, '.gitignore')));
  return root;
}

async function findingsOn(check: Check, root: string): Promise<Finding[]> {
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  // A parse error is what every other check meets: it shows only when they run.
  const checks = check.meta.id === 'parse-error' ? CHECKS : [check];
  const { findings } = await scan(project, { checks, workers: 0 });
  return findings.filter((f) => f.ruleId === check.meta.id).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

async function firingExample(check: Check, caseDir: string, name: string): Promise<FiringExample> {
  const root = copyCase(path.join(caseDir, name));
  try {
    const finding = (await findingsOn(check, root))[0];
    if (!finding) throw new Error(`${check.meta.id}/${name} expects findings but the check reports none`);
    const stored = storedPath(finding.file);
    const sample = finding.context
      ? { file: finding.file, stored, frame: frame(finding.context.lines, finding.context.firstLine, finding.line) }
      : { file: finding.file, stored, frame: frame(fileHead(root, finding.file), 1, null) };
    return {
      case: name,
      sample,
      location: `${finding.file}:${finding.line}:${finding.column}`,
      severity: finding.severity,
      message: finding.message,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The file of the quiet case that best mirrors the reported one: the same path, else the same kind of file. */
function quietFile(files: readonly string[], reported: string): string {
  const extension = path.posix.extname(reported);
  const meaningful = files.filter((file) => path.posix.basename(file) !== 'package.json');
  return (
    files.find((file) => file === reported) ??
    meaningful.find((file) => path.posix.extname(file) === extension) ??
    meaningful[0] ??
    files[0]!
  );
}

/** One case of the check's own fixtures that fires, with its first finding, and one that does not. */
export async function checkExamples(fixtures: string, check: Check): Promise<CheckExamples> {
  const caseDir = path.join(fixtures, 'checks', check.meta.id);
  const cases = fixtureCases(caseDir);
  const firing = cases.find((c) => c.expectsFindings);
  const quiet = cases.find((c) => !c.expectsFindings);
  if (!firing || !quiet) throw new Error(`${check.meta.id} needs a fixture case that fires and one that does not`);
  const fires = await firingExample(check, caseDir, firing.name);
  const quietRoot = path.join(caseDir, quiet.name);
  const file = quietFile(
    filesIn(quietRoot).map((f) => f.replace(/(^|\/)_gitignore$/, '$1.gitignore')),
    fires.sample.file,
  );
  const stored = storedPath(file);
  return { fires, quiet: { case: quiet.name, sample: { file, stored, frame: frame(fileHead(quietRoot, stored), 1, null) } } };
}
