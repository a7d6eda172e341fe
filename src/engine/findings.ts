import type { Project } from '../project/types.ts';
import { redact, redactLine, redactSecretShapes } from '../report/redact.ts';
import type { CheckMeta, Finding, Location, ReportInput, Severity } from '../types.ts';
import { fingerprint } from './fingerprint.ts';
import { isSuppressed } from './suppressions.ts';

const CONTEXT_LINES = 2;
const MAX_CONTEXT_WIDTH = 160;

export function locationOf(input: ReportInput): Location {
  const loc = input.node?.loc ?? null;
  if (loc) {
    return { line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
  }
  return input.loc ?? { line: 1, column: 1 };
}

/** Turns what checks report in one file into findings: suppressions, overrides, redaction and fingerprints. */
export class FileFindings {
  readonly findings: Finding[] = [];
  suppressed = 0;
  private readonly lines: string[];
  private readonly occurrences = new Map<string, number>();

  constructor(
    private readonly project: Project,
    private readonly file: string,
    text: string | null,
    private readonly fixSafety: (fixId: string) => boolean,
  ) {
    this.lines = text === null ? [] : text.split(/\r?\n/);
  }

  add(meta: CheckMeta, input: ReportInput & { wholeFile?: boolean }): void {
    const loc = locationOf(input);
    if (isSuppressed(this.lines, loc.line, meta.id)) {
      this.suppressed++;
      return;
    }
    const secrets = input.secrets ?? [];
    const lineText = this.lines[loc.line - 1] ?? '';
    const key = `${meta.id}\0${lineText.trim()}`;
    const occurrence = this.occurrences.get(key) ?? 0;
    this.occurrences.set(key, occurrence + 1);
    const severity: Severity = this.project.config.severity[meta.id] ?? input.severity ?? meta.severity;
    const fixId = input.fix ?? meta.fix;
    this.findings.push({
      ruleId: meta.id,
      severity,
      category: meta.category,
      title: meta.title,
      message: redactSecretShapes(redact(input.message, secrets)),
      file: this.file,
      line: loc.line,
      column: loc.column,
      endLine: loc.endLine ?? loc.line,
      endColumn: loc.endColumn ?? loc.column,
      fingerprint: fingerprint(meta.id, this.file, lineText, occurrence, secrets),
      fix: fixId ? { id: fixId, safe: this.fixSafety(fixId) } : null,
      ...(input.rotate ? { rotate: { key: redactSecretShapes(redact(input.rotate.key, secrets)), why: input.rotate.why } } : {}),
      ...(input.data ? { data: input.data } : {}),
      ...(input.wholeFile || this.lines.length === 0 ? {} : { context: this.context(loc.line, secrets) }),
    });
  }

  private context(line: number, secrets: readonly string[]): { firstLine: number; lines: string[] } {
    const firstLine = Math.max(1, line - CONTEXT_LINES);
    const lastLine = Math.min(this.lines.length, line + CONTEXT_LINES);
    const lines = this.lines.slice(firstLine - 1, lastLine).map((text) => {
      const safe = redactLine(text, this.file, secrets);
      return safe.length > MAX_CONTEXT_WIDTH ? `${safe.slice(0, MAX_CONTEXT_WIDTH)}…` : safe;
    });
    return { firstLine, lines };
  }
}
