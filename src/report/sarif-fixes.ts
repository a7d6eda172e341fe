import { diffLines } from 'diff';
import { Changeset, diskReader, type FileChange } from '../engine/changeset.ts';
import { planTransform } from '../engine/run-transform.ts';
import { withoutProjectCode } from '../engine/project-code.ts';
import { resolveAnswers } from '../engine/answers.ts';
import type { Project } from '../project/types.ts';
import { loadTransform } from '../registry.ts';
import { redactText } from '../secrets/redact.ts';
import type { Finding } from '../types.ts';
import { toUriReference } from './sarif-uri.ts';

export interface SarifFix {
  description: { text: string };
  artifactChanges: Array<{
    artifactLocation: { uri: string; uriBaseId: string };
    replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent?: { text: string } }>;
  }>;
}

/**
 * A fix for more findings than this is a change across the app to review with `shipshape fix`, not
 * a suggestion on one alert; planning it also costs seconds (pg-pool over 67 findings: 3 s of CPU).
 */
const MAX_FINDINGS_PER_FIX = 20;

/** Env files hold values that never leave the machine, even in a fix. */
const ENV_FILE = /(^|\/)\.env(?!\.example$)[^/]*$/;

/** The change as SARIF replacements: character offsets into the file as it is, UTF-16 code units like the columns. */
function replacementsOf(change: FileChange): SarifFix['artifactChanges'][number]['replacements'] {
  const replacements: SarifFix['artifactChanges'][number]['replacements'] = [];
  let offset = 0;
  let pending: { charOffset: number; charLength: number; text: string } | null = null;
  const flush = () => {
    if (!pending) return;
    const { charOffset, charLength, text } = pending;
    replacements.push({ deletedRegion: { charOffset, charLength }, ...(text ? { insertedContent: { text } } : {}) });
    pending = null;
  };
  for (const part of diffLines(change.before ?? '', change.after ?? '')) {
    if (!part.added && !part.removed) {
      flush();
      offset += part.value.length;
      continue;
    }
    pending ??= { charOffset: offset, charLength: 0, text: '' };
    if (part.removed) {
      pending.charLength += part.value.length;
      offset += part.value.length;
    } else {
      pending.text += part.value;
    }
  }
  flush();
  return replacements;
}

function revealsSecret(changes: readonly FileChange[]): boolean {
  return changes.some((change) => ENV_FILE.test(change.path) || (change.after !== null && redactText(change.after) !== change.after));
}

/**
 * The change each safe fix would make, for SARIF viewers to apply. One plan per fix covers all of
 * its findings, so the change rides on the first of them: applying it once fixes the others too.
 */
export function plannedFixes(project: Project, findings: readonly Finding[], repoPath: (file: string) => string) {
  // A scan, in CI on a pull request say, must not run the code it scans: a prettier config that is
  // code, the project's own prettier or TypeScript.
  return withoutProjectCode(() => planFixes(project, findings, repoPath));
}

async function planFixes(project: Project, findings: readonly Finding[], repoPath: (file: string) => string) {
  const fixes = new Map<Finding, SarifFix>();
  const byTransform = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!finding.fix?.safe) continue;
    byTransform.set(finding.fix.id, [...(byTransform.get(finding.fix.id) ?? []), finding]);
  }
  for (const [id, group] of byTransform) {
    if (group.length > MAX_FINDINGS_PER_FIX) continue;
    const transform = await loadTransform(id);
    if (!transform?.meta.safe) continue;
    const answers = resolveAnswers(transform, {}, project.config.answers);
    const base = new Changeset(diskReader(project.root));
    const plan = await planTransform(project, transform, group, answers, base).catch(() => null);
    if (!plan || plan.failures.length > 0) continue;
    const changes = plan.changeset.changes();
    if (changes.length === 0 || revealsSecret(changes)) continue;
    const others = group.length - 1;
    fixes.set(group[0]!, {
      description: {
        text: `${transform.meta.title} (shipshape fix --only ${group[0]!.ruleId})${others > 0 ? `; also fixes ${others} other finding${others === 1 ? '' : 's'}` : ''}`,
      },
      artifactChanges: changes.map((change) => ({
        artifactLocation: { uri: toUriReference(repoPath(change.path)), uriBaseId: 'SRCROOT' },
        replacements: replacementsOf(change),
      })),
    });
  }
  return fixes;
}
