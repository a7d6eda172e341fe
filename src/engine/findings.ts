import path from 'node:path';
import { isEnvFileName } from '../project/env-files.ts';
import type { Project } from '../project/types.ts';
import { privateKeyLines, redactLineWithState, redactText, type RedactedLine } from '../secrets/redact.ts';
import type { CheckMeta, Finding, Location, ReportInput, Severity } from '../types.ts';
import { lineFingerprints } from './fingerprint.ts';
import { LineIndex } from './line-index.ts';
import { isSuppressed } from './suppressions.ts';

const CONTEXT_LINES = 2;
/** A line up to this long is shown whole; a longer one as a window around the column. */
const MAX_CONTEXT_WIDTH = 160;
const WINDOW_WIDTH = 80;

export function locationOf(input: ReportInput): Location {
  const loc = input.node?.loc ?? null;
  if (loc) {
    return { line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
  }
  return input.loc ?? { line: 1, column: 1 };
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * The finding's message: its template with each `{{name}}` filled from `data` (a placeholder without
 * a value stays as written), then every one of `secrets` masked, wherever the data put it.
 */
export function renderMessage(meta: CheckMeta, input: Pick<ReportInput, 'messageId' | 'data' | 'secrets'>): string {
  const template = meta.messages[input.messageId];
  if (template === undefined) throw new Error(`${meta.id} has no message "${input.messageId}"`);
  const filled = template.replace(PLACEHOLDER, (placeholder, name: string) =>
    input.data && name in input.data ? String(input.data[name]) : placeholder,
  );
  return redactText(filled, input.secrets ?? []);
}

/** The part of a long line around a column, cut with `…`, and where the column falls in it. */
export function lineWindow(text: string, column: number): { text: string; column: number } {
  if (text.length <= MAX_CONTEXT_WIDTH) return { text, column };
  const start = Math.max(0, Math.min(column - 1 - WINDOW_WIDTH / 2, text.length - WINDOW_WIDTH));
  const end = Math.min(text.length, start + WINDOW_WIDTH);
  const head = start > 0 ? '…' : '';
  return { text: `${head}${text.slice(start, end)}${end < text.length ? '…' : ''}`, column: column - start + head.length };
}

/**
 * Turns what checks report in one file into findings: suppressions, overrides, redaction and
 * fingerprints. Whatever depends only on a line is worked out once per line, so a minified file
 * with thousands of findings on one line costs no more than one pass over it per finding rule.
 */
export class FileFindings {
  readonly findings: Finding[] = [];
  suppressed = 0;
  private readonly index: LineIndex | null;
  private readonly envFile: boolean;
  private readonly lineTexts = new Map<number, string>();
  /** Each line's first line with the same trimmed text: identical lines share occurrence counts. */
  private readonly sameAs = new Map<number, number>();
  private readonly firstWithText = new Map<string, number>();
  private readonly occurrences = new Map<string, number>();
  private readonly suppressions = new Map<string, boolean>();
  private readonly fingerprints = new Map<string, (occurrence: number) => string>();
  private readonly redacted = new Map<string, RedactedLine>();
  private keyLines: Set<number> | null = null;

  constructor(
    private readonly project: Project,
    private readonly file: string,
    private readonly text: string | null,
    private readonly fixSafety: (fixId: string) => boolean,
  ) {
    this.index = text === null ? null : new LineIndex(text);
    this.envFile = isEnvFileName(path.posix.basename(file));
  }

  private line(line: number): string {
    let text = this.lineTexts.get(line);
    if (text === undefined) {
      text = this.index?.line(line) ?? '';
      this.lineTexts.set(line, text);
    }
    return text;
  }

  private canonicalLine(line: number): number {
    let canonical = this.sameAs.get(line);
    if (canonical === undefined) {
      const trimmed = this.line(line).trim();
      canonical = this.firstWithText.get(trimmed) ?? line;
      this.firstWithText.set(trimmed, canonical);
      this.sameAs.set(line, canonical);
    }
    return canonical;
  }

  private isSuppressed(line: number, ruleId: string): boolean {
    const key = `${line}\0${ruleId}`;
    let suppressed = this.suppressions.get(key);
    if (suppressed === undefined) {
      suppressed = isSuppressed([this.line(line - 1), this.line(line)], 2, ruleId);
      this.suppressions.set(key, suppressed);
    }
    return suppressed;
  }

  private fingerprint(ruleId: string, line: number, secrets: readonly string[]): string {
    const canonical = this.canonicalLine(line);
    const key = `${ruleId}\0${canonical}\0${secrets.join('\0')}`;
    let byOccurrence = this.fingerprints.get(key);
    if (!byOccurrence) {
      byOccurrence = lineFingerprints(ruleId, this.file, this.line(line), secrets);
      this.fingerprints.set(key, byOccurrence);
    }
    const occurrenceKey = `${ruleId}\0${canonical}`;
    const occurrence = this.occurrences.get(occurrenceKey) ?? 0;
    this.occurrences.set(occurrenceKey, occurrence + 1);
    return byOccurrence(occurrence);
  }

  add(meta: CheckMeta, input: ReportInput & { wholeFile?: boolean }): void {
    const loc = locationOf(input);
    if (this.isSuppressed(loc.line, meta.id)) {
      this.suppressed++;
      return;
    }
    const secrets = input.secrets ?? [];
    const severity: Severity = this.project.config.severity[meta.id] ?? input.severity ?? meta.severity;
    const fixId = input.fix ?? meta.fix;
    this.findings.push({
      ruleId: meta.id,
      severity,
      category: meta.category,
      title: meta.title,
      messageId: input.messageId,
      message: renderMessage(meta, input),
      file: this.file,
      line: loc.line,
      column: loc.column,
      endLine: loc.endLine ?? loc.line,
      endColumn: loc.endColumn ?? loc.column,
      fingerprint: this.fingerprint(meta.id, loc.line, secrets),
      fix: fixId ? { id: fixId, safe: this.fixSafety(fixId) } : null,
      ...(input.rotate ? { rotate: { key: redactText(input.rotate.key, secrets), why: input.rotate.why } } : {}),
      ...(input.data ? { data: input.data } : {}),
      ...(input.wholeFile || this.index === null ? {} : { context: this.context(loc.line, loc.column, secrets) }),
    });
  }

  private redactedLine(line: number, secrets: readonly string[]): RedactedLine {
    const key = `${line}\0${secrets.join('\0')}`;
    let redacted = this.redacted.get(key);
    if (!redacted) {
      this.keyLines ??=
        this.text !== null && this.text.includes('PRIVATE KEY-----') ? privateKeyLines(this.text.split(/\r?\n/)) : new Set();
      redacted = redactLineWithState(this.line(line), { secrets, envFile: this.envFile, inPrivateKey: this.keyLines.has(line) });
      this.redacted.set(key, redacted);
    }
    return redacted;
  }

  private context(line: number, column: number, secrets: readonly string[]): NonNullable<Finding['context']> {
    const firstLine = Math.max(1, line - CONTEXT_LINES);
    const lastLine = Math.min(this.index!.lineCount, line + CONTEXT_LINES);
    const at = this.redactedLine(line, secrets);
    const maskedColumn = Math.min(at.column(column), at.text.length + 1);
    const lines: string[] = [];
    let frameColumn = maskedColumn;
    for (let n = firstLine; n <= lastLine; n++) {
      const window = lineWindow(this.redactedLine(n, secrets).text, maskedColumn);
      lines.push(window.text);
      if (n === line) frameColumn = window.column;
    }
    return { firstLine, lines, column: frameColumn };
  }
}
