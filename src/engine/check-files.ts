import path from 'node:path';
import { isSourceFile } from '../project/load-project.ts';
import { readCheckedFile } from '../project/files.ts';
import type { Project, SkippedFile } from '../project/types.ts';
import type { File as BabelFile } from '@babel/types';
import type { Check, FileCheck, Finding, ReportInput, Visitors } from '../types.ts';
import { moduleFacts, type ModuleFacts } from '../analysis/client-graph.ts';
import { FileFindings } from './findings.ts';
import { parseSource } from './parse.ts';
import { mergeVisitors, walk, withFrozenTree } from './walk.ts';
import { addNeedles, needlesIn } from './needles.ts';

export interface FileBatchResult {
  findings: Finding[];
  suppressed: number;
  files: number;
  bytes: number;
  skipped: SkippedFile[];
  /** What checks collected for their `finish`, by check id. */
  facts: Record<string, unknown[]>;
  /** Each source file's imports and directive, when a check needs the client graph. */
  modules: Array<[string, ModuleFacts]>;
}

export function fileChecks(checks: readonly Check[]): FileCheck[] {
  return checks.filter((check): check is FileCheck => check.kind === 'file');
}

/**
 * The checks that want a file, in their order. Most want any source file and a few decide by its
 * path, so the answer depends only on those few and on whether the file is source: each combination
 * is worked out once, and files that share it share one list.
 */
export function checksWanting(checks: readonly FileCheck[]): (file: string) => readonly FileCheck[] {
  const deciding = checks.filter((check) => check.meta.files);
  const lists = new Map<string, FileCheck[]>();
  return (file) => {
    const source = isSourceFile(file);
    let key = source ? '1' : '0';
    for (const check of deciding) key += check.meta.files!(file) ? '1' : '0';
    let wanting = lists.get(key);
    if (!wanting) {
      wanting = checks.filter((check) => (check.meta.files ? check.meta.files(file) : source));
      lists.set(key, wanting);
    }
    return wanting;
  };
}

/** `present` answers for the needles of the checks' string prefilters, from one pass over the text. */
export function passesPrefilter(
  check: FileCheck,
  text: string,
  project: Project,
  file: string,
  present: (needle: string) => boolean = (needle) => text.includes(needle),
): boolean {
  const prefilter = check.meta.prefilter;
  if (!prefilter) return true;
  if (typeof prefilter === 'function') return prefilter(text, project, file);
  return prefilter.some((needle) => present(needle));
}

/** The strings the checks' prefilters look for, found in each file in the one pass that screened patterns share. */
export function addPrefilterNeedles(checks: readonly FileCheck[]): void {
  addNeedles(checks.flatMap((check) => (Array.isArray(check.meta.prefilter) ? check.meta.prefilter : [])));
}

/** The file's tree, or undefined after reporting why it does not parse (once: the scan goes on). */
function parseOrReport(file: string, text: string, report: (input: ReportInput) => void): BabelFile | undefined {
  try {
    return parseSource(file, text);
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const reason = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    report({
      loc: loc ? { line: loc.line, column: loc.column + 1 } : { line: 1, column: 1 },
      messageId: 'sourceDoesNotParse',
      data: { file, reason },
    });
    return undefined;
  }
}

/** What one file gave: its findings, and the facts its checks collected for their `finish`, in order. */
export interface FileOutcome {
  findings: Finding[];
  suppressed: number;
  facts: Array<[checkId: string, fact: unknown]>;
  module: ModuleFacts | null;
}

/** Runs the checks that want a file over its text: parsed at most once, its tree walked once for all of them. */
export function checkFileText(
  project: Project,
  file: string,
  text: string,
  wanting: readonly FileCheck[],
  noteModules: boolean,
  parseErrorCheck: Check,
  fixSafety: (fixId: string) => boolean,
): FileOutcome {
  const outcome: FileOutcome = { findings: [], suppressed: 0, facts: [], module: null };
  if (noteModules && isSourceFile(file)) outcome.module = moduleFacts(text);
  const { has } = needlesIn(text);
  const matching = wanting.filter((check) => passesPrefilter(check, text, project, file, has));
  if (matching.length === 0) return outcome;
  const collector = new FileFindings(project, file, text, fixSafety);
  const ast = isSourceFile(file) ? parseOrReport(file, text, (input) => collector.add(parseErrorCheck.meta, input)) : null;
  if (ast !== undefined) {
    const runChecks = () => {
      const visitors: Visitors[] = [];
      const sourceFile = { path: file, text };
      for (const check of matching) {
        const found = check.check({
          project,
          file: sourceFile,
          ast,
          report: (input) => collector.add(check.meta, input),
          collect: (fact) => outcome.facts.push([check.meta.id, fact]),
        });
        if (found) visitors.push(found);
      }
      if (ast && visitors.length > 0) walk(ast, mergeVisitors(visitors));
    };
    // The checks only read the tree.
    if (ast) withFrozenTree(ast, runChecks);
    else runChecks();
  }
  outcome.findings = collector.findings;
  outcome.suppressed = collector.suppressed;
  return outcome;
}

export function emptyBatch(): FileBatchResult {
  return { findings: [], suppressed: 0, files: 0, bytes: 0, skipped: [], facts: {}, modules: [] };
}

export function addOutcome(result: FileBatchResult, file: string, bytes: number, outcome: FileOutcome): void {
  result.files++;
  result.bytes += bytes;
  addProjectInputs(result, file, outcome.facts, outcome.module);
  result.findings.push(...outcome.findings);
  result.suppressed += outcome.suppressed;
}

/** What one file gives the project-wide checks: its facts for their `finish`, and its imports for the client graph. */
export function addProjectInputs(result: FileBatchResult, file: string, facts: FileOutcome['facts'], module: ModuleFacts | null): void {
  if (module) result.modules.push([file, module]);
  for (const [checkId, fact] of facts) (result.facts[checkId] ??= []).push(fact);
}

/** Reads each file once and checks it with every check that wants it. */
export function checkFiles(
  project: Project,
  files: readonly string[],
  checks: readonly FileCheck[],
  parseErrorCheck: Check,
  fixSafety: (fixId: string) => boolean,
  onFile?: () => void,
): FileBatchResult {
  const result = emptyBatch();
  const noteModules = checks.some((check) => check.meta.clientGraph);
  addPrefilterNeedles(checks);
  const wantedBy = checksWanting(checks);
  for (const file of files) {
    onFile?.();
    const wanting = wantedBy(file);
    if (wanting.length === 0) continue;
    const read = readCheckedFile(path.join(project.root, file));
    if (!read.ok) {
      result.skipped.push({ path: file, reason: read.reason });
      continue;
    }
    addOutcome(result, file, read.bytes, checkFileText(project, file, read.text, wanting, noteModules, parseErrorCheck, fixSafety));
  }
  return result;
}
