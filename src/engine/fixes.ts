import { findTransform } from '../all-transforms.ts';
import { GENERATORS } from '../fix-commands.ts';
import { severityRank, type Finding } from '../types.ts';
import type { Transform } from './transform-types.ts';

export interface FixGroup {
  transform: Transform;
  findings: Finding[];
}

/** The findings a fix answers, one group per transform, the most severe first. */
export function groupFixes(findings: readonly Finding[]): FixGroup[] {
  const groups = new Map<string, FixGroup>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    const transform = findTransform(finding.fix.id);
    if (!transform) continue;
    const group = groups.get(transform.meta.id) ?? { transform, findings: [] };
    group.findings.push(finding);
    groups.set(transform.meta.id, group);
  }
  const worst = (group: FixGroup) => Math.min(...group.findings.map((f) => severityRank(f.severity)));
  return [...groups.values()].sort((a, b) => worst(a) - worst(b) || a.transform.meta.id.localeCompare(b.transform.meta.id));
}

/** Findings whose fix is a command of its own (`shipshape sql`), counted by that command. */
export function generatorFindings(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const generator = finding.fix ? GENERATORS[finding.fix.id] : undefined;
    if (generator) counts.set(generator.command, (counts.get(generator.command) ?? 0) + 1);
  }
  return counts;
}
