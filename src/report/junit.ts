import { fixCommand } from '../fix-commands.ts';
import { repoPathOf } from './repo-paths.ts';
import type { ReportInput } from './types.ts';

/** XML 1.0 allows no control characters but tab, LF and CR, even escaped. */
function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * A JUnit report for CI systems that read nothing else: one test suite per check that ran, a
 * failing test case per finding, and one passing case for a check that found nothing.
 */
export function renderJunit({ project, result, checks }: ReportInput): string {
  const repoPath = repoPathOf(project);
  const suites = checks.map((check) => {
    const id = check.meta.id;
    const findings = result.findings.filter((f) => f.ruleId === id);
    const cases =
      findings.length === 0
        ? [`    <testcase name="${escapeXml(id)}" classname="shipshape.${escapeXml(id)}"/>`]
        : findings.map((f) => {
            const where = `${repoPath(f.file)}:${f.line}:${f.column}`;
            const body = `${where}\n${f.message}${f.fix ? `\nfix: ${fixCommand(f.fix.id, f.ruleId)}` : ''}`;
            return [
              `    <testcase name="${escapeXml(where)}" classname="shipshape.${escapeXml(id)}" file="${escapeXml(repoPath(f.file))}" line="${f.line}">`,
              `      <failure type="${f.severity}" message="${escapeXml(`${f.severity}: ${f.title}`)}">${escapeXml(body)}</failure>`,
              '    </testcase>',
            ].join('\n');
          });
    return [
      `  <testsuite name="${escapeXml(id)}" tests="${Math.max(findings.length, 1)}" failures="${findings.length}" errors="0" skipped="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const tests = checks.reduce((n, check) => n + Math.max(result.findings.filter((f) => f.ruleId === check.meta.id).length, 1), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shipshape" tests="${tests}" failures="${result.findings.length}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
