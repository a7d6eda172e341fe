import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../engine/package-root.ts';
import { fixCommand } from '../fix-commands.ts';
import type { CheckInfo, Severity } from '../types.ts';
import { MEASURED_PRECISION } from './measured-precision.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return LEVEL[severity];
}

/** GitHub shows a score of 9.0 or more as Critical, 7.0–8.9 High, 4.0–6.9 Medium, 0.1–3.9 Low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };

/** Categories whose every check is about an attacker or a leak; plus injection, which sits with data access. */
const SECURITY_CATEGORIES = new Set(['secrets', 'rls', 'auth', 'uploads']);
const SECURITY_CHECKS = new Set(['raw-sql-interpolation']);

export function isSecurityCategory(category: string, checkId: string): boolean {
  return SECURITY_CATEGORIES.has(category) || SECURITY_CHECKS.has(checkId);
}

/** The repository's web address, from package.json's `repository` (`git+https://…/x.git` or a string). */
function repositoryUrl(): string {
  const field = (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { repository?: { url?: string } | string })
    .repository;
  const raw = typeof field === 'string' ? field : (field?.url ?? '');
  return raw.replace(/^git\+/, '').replace(/\.git$/, '');
}

export const REPOSITORY_URL = repositoryUrl();

/** Each check's page in the repository, which `docs/checks/<id>.md` holds. */
export function checkDocUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/checks/${id}.md`;
}

export function sarifRule(check: CheckInfo) {
  const { id, title, docs, fix, severity, category } = check.meta;
  const fixLine = fix ? `Fix: ${fixCommand(fix, id)}` : 'Fix by hand.';
  const security = isSecurityCategory(category, id);
  const measured = MEASURED_PRECISION[id];
  return {
    id,
    name: id,
    shortDescription: { text: title },
    fullDescription: { text: docs },
    help: {
      text: `${docs}\n${fixLine}`,
      markdown: `**${title}**\n\n${docs}\n\n${fix ? `Fix: \`${fixCommand(fix, id)}\`` : 'Fix by hand.'}\n\n[Documentation](${checkDocUrl(id)})`,
    },
    helpUri: checkDocUrl(id),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      category,
      severity,
      fixable: fix !== null,
      tags: security ? ['security', category] : [category],
      ...(security ? { 'security-severity': SECURITY_SEVERITY[severity] } : {}),
      ...(measured ? { precision: measured.precision } : {}),
    },
  };
}
