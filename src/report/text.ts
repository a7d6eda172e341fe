import { GENERATORS, fixCommand } from '../fix-commands.ts';
import { requirePackage } from '../engine/require-package.cjs';
import { pc } from '../engine/picocolors.ts';
import { summaryParts } from './summary.ts';
import { SEVERITIES, type Finding, type Severity } from '../types.ts';
import { rotations } from './rotations.ts';
import type { ReportInput } from './types.ts';
import { MAX_FILE_BYTES } from '../project/files.ts';
import type { SkippedFile } from '../project/types.ts';

const { codeFrameColumns } = requirePackage<typeof import('@babel/code-frame')>('@babel/code-frame');

type Colors = ReturnType<typeof pc.createColors>;

export const SKIP_REASONS: Record<SkippedFile['reason'], string> = {
  binary: 'binary',
  'too-large': `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
  unreadable: 'could not be read',
  'symlink outside the project': 'a symbolic link to a file outside the project',
};

function severityColor(colors: Colors, severity: Severity): (text: string) => string {
  return { critical: (t: string) => colors.bold(colors.red(t)), high: colors.red, medium: colors.yellow, low: colors.blue }[severity];
}

/** The finding's context as a code frame, with the file's own line numbers. */
export function codeFrame(finding: Finding, color: boolean): string | null {
  if (!finding.context) return null;
  const { firstLine, lines, column } = finding.context;
  // `startLine` numbers the frame as the file is numbered (its types lag behind the library).
  const options = { highlightCode: color, forceColor: color, linesAbove: 2, linesBelow: 2, startLine: firstLine };
  return codeFrameColumns(lines.join('\n'), { start: { line: finding.line, column } }, options);
}

export function renderText(input: ReportInput, options: { color: boolean }): string {
  const { result, checks } = input;
  const docsOf = new Map(checks.map((check) => [check.meta.id, check.meta.docs]));
  const colors = pc.createColors(options.color);
  const out: string[] = [];
  for (const severity of SEVERITIES) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(severityColor(colors, severity)(`${severity.toUpperCase()} (${group.length})`), '');
    const files = [...new Set(group.map((f) => f.file))];
    for (const file of files) {
      out.push(`  ${colors.underline(file)}`);
      for (const f of group.filter((g) => g.file === file)) {
        out.push(`    ${colors.dim(`${f.file}:${f.line}:${f.column}`)}  ${colors.bold(f.title)}  ${colors.dim(`[${f.ruleId}]`)}`);
        out.push(`      ${f.message}`);
        const frame = codeFrame(f, options.color);
        if (frame) out.push(...frame.split('\n').map((line) => `      ${line}`));
        if (f.fix && GENERATORS[f.fix.id]) {
          out.push(`      ${colors.cyan('fix:')} ${fixCommand(f.fix.id, f.ruleId)}`, '');
        } else if (f.fix) {
          out.push(
            `      ${colors.cyan('fix:')} shipshape fix --only ${f.ruleId}${f.fix.safe ? '' : ' (needs review: --yes applies it only with --all)'}`,
            '',
          );
        } else {
          out.push(`      ${colors.cyan('fix by hand:')} ${docsOf.get(f.ruleId) ?? ''}`, '');
        }
      }
    }
  }

  const leaked = rotations(result.findings);
  if (leaked.length > 0) {
    out.push(
      colors.bold(colors.red(`KEYS TO ROTATE (${leaked.length})`)),
      '  Fixing the code does not take a leaked key back: replace each one with its provider.',
    );
    for (const key of leaked) out.push(`  ${colors.bold(key.key)}  ${key.why}  ${colors.dim(`(${key.file}:${key.line})`)}`);
    out.push('');
  }

  if (result.skipped.length > 0) {
    out.push(colors.bold(`SKIPPED (${result.skipped.length})`), '  No check read these files.');
    for (const skipped of result.skipped) out.push(`  ${skipped.path}  ${colors.dim(SKIP_REASONS[skipped.reason])}`);
    out.push('');
  }

  const total = result.findings.length;
  const parts = summaryParts(input);
  parts.push(`${result.durationMs} ms`);
  out.push((total === 0 ? colors.green : (t: string) => t)(parts.join(' · ')));
  return `${out.join('\n')}\n`;
}
