import type { Severity } from '../types.ts';
import { isSecurityCategory } from './sarif-rules.ts';
import { repoPathOf } from './repo-paths.ts';
import type { ReportInput } from './types.ts';

const SEVERITY: Record<Severity, 'critical' | 'major' | 'minor' | 'info'> = {
  critical: 'critical',
  high: 'major',
  medium: 'minor',
  low: 'info',
};

/** GitLab's Code Quality report, which merge requests show as a widget and inline in the diff. */
export function renderGitlab({ project, result }: ReportInput): string {
  const repoPath = repoPathOf(project);
  // GitLab keeps one issue per fingerprint: two findings of one kind on one line must stay two.
  const seen = new Map<string, number>();
  const issues = result.findings.map((f) => {
    const count = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, count + 1);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: `${f.title}: ${f.message}`,
      categories: [isSecurityCategory(f.category, f.ruleId) ? 'Security' : 'Bug Risk'],
      fingerprint: count === 0 ? f.fingerprint : `${f.fingerprint}-${count}`,
      severity: SEVERITY[f.severity],
      location: { path: repoPath(f.file), lines: { begin: f.line, end: f.endLine } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
