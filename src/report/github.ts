import { fixCommand } from '../fix-commands.ts';
import type { Severity } from '../types.ts';
import { repoPathOf } from './repo-paths.ts';
import { summaryLine } from './summary.ts';
import type { ReportInput } from './types.ts';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

/** A workflow command's message: GitHub reads `%`, CR and LF as escapes. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, where `:` and `,` also end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: each finding an annotation on the pull request, then the summary. */
export function renderGithub(input: ReportInput): string {
  const repoPath = repoPathOf(input.project);
  const lines = input.result.findings.map((f) => {
    const properties = [
      `file=${escapeProperty(repoPath(f.file))}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      ...(f.line === f.endLine ? [`col=${f.column}`, `endColumn=${f.endColumn}`] : [`col=${f.column}`]),
      `title=${escapeProperty(`${f.title} [${f.ruleId}]`)}`,
    ];
    const fix = f.fix ? `\nfix: ${fixCommand(f.fix.id, f.ruleId)}` : '';
    return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(`${f.message}${fix}`)}`;
  });
  return `${[...lines, summaryLine(input)].join('\n')}\n`;
}
