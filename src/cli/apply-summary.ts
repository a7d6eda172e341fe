import { pc } from '../engine/picocolors.ts';
import { addedTodos, type FileChange, type FollowUp } from '../engine/changeset.ts';
import type { TransformFailure } from '../engine/run-transform.ts';
import type { HeldBack } from '../engine/type-gate.ts';
import { SEVERITIES, type Finding } from '../types.ts';

/** What a fix run leaves: the findings before and after (a re-scan of the planned result), and the changes held back. */
export interface FixOutcome {
  before: readonly Finding[];
  after: readonly Finding[];
  heldBack: readonly HeldBack[];
}

/** `fixed 14 of 21 findings; 7 remain (3 critical: hardcoded-secret ×2, secret-in-git; 4 medium)` */
export function findingsLine(outcome: FixOutcome, applied: boolean): string {
  const left = new Map<string, number>();
  for (const finding of outcome.after) left.set(finding.fingerprint, (left.get(finding.fingerprint) ?? 0) + 1);
  let fixed = 0;
  for (const finding of outcome.before) {
    const count = left.get(finding.fingerprint) ?? 0;
    if (count > 0) left.set(finding.fingerprint, count - 1);
    else fixed++;
  }
  const head = `${applied ? 'fixed' : 'would fix'} ${fixed} of ${outcome.before.length} finding(s)`;
  if (outcome.after.length === 0) return `${head}; none ${applied ? 'remain' : 'would remain'}`;
  const parts: string[] = [];
  for (const severity of SEVERITIES) {
    const found = outcome.after.filter((finding) => finding.severity === severity);
    if (found.length === 0) continue;
    if (severity !== 'critical') {
      parts.push(`${found.length} ${severity}`);
      continue;
    }
    const byRule = new Map<string, number>();
    for (const finding of found) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    parts.push(`${found.length} critical: ${[...byRule].map(([rule, count]) => (count > 1 ? `${rule} ×${count}` : rule)).join(', ')}`);
  }
  return `${head}; ${outcome.after.length} ${applied ? 'remain' : 'would remain'} (${parts.join('; ')})`;
}

/** The changes held back because they add a TypeScript error, each with its new errors. */
export function heldBackLines(heldBack: readonly HeldBack[], applied: boolean, color: boolean): string[] {
  if (heldBack.length === 0) return [];
  const colors = pc.createColors(color);
  const out = [
    colors.bold(colors.yellow(`held back: ${heldBack.length} change(s) that add a TypeScript error${applied ? '' : ' (not in the diff)'}`)),
  ];
  for (const held of heldBack) {
    out.push(`  ${held.file} (${held.transform})`);
    for (const error of held.errors) out.push(`    ${error}`);
  }
  return out;
}

/** What was written, what is left to do by hand, and what to do next. */
export function renderApplySummary(
  changes: readonly FileChange[],
  followUps: readonly FollowUp[],
  failures: readonly TransformFailure[],
  journal: string | null,
  color: boolean,
  outcome?: FixOutcome,
): string {
  const colors = pc.createColors(color);
  const out: string[] = [];
  if (outcome) out.push(colors.bold(findingsLine(outcome, journal !== null)));
  const verb = (c: FileChange) => (c.before === null ? 'created' : c.after === null ? 'deleted' : 'changed');
  if (changes.length > 0) {
    out.push(colors.bold(`${journal ? '' : 'would be '}changed: ${changes.length} file(s)`));
    for (const change of changes) out.push(`  ${verb(change)} ${change.path}`);
  }
  const todos = addedTodos(changes);
  if (todos.length > 0) {
    out.push(colors.bold(`manual follow-ups: ${todos.length} TODO(shipshape) comment(s)`));
    for (const todo of todos) out.push(`  ${todo.file}:${todo.line}  ${todo.text}`);
  }
  const internal = failures.filter((failure) => failure.internal);
  const failed = failures.filter((failure) => !failure.internal);
  if (failed.length > 0) {
    out.push(colors.bold(colors.yellow(`not transformed: ${failed.length} file(s)`)));
    for (const failure of failed) out.push(`  ${failure.file}: ${failure.reason}`);
  }
  if (internal.length > 0) {
    out.push(colors.bold(colors.red(`internal error: ${internal.length} change(s) dropped (please report it)`)));
    for (const failure of internal) out.push(`  ${failure.file}: ${failure.reason}`);
  }
  if (outcome) out.push(...heldBackLines(outcome.heldBack, journal !== null, color));
  if (followUps.length > 0) {
    out.push(colors.bold('next steps:'));
    for (const followUp of followUps) {
      const tag =
        followUp.kind === 'secret' ? colors.red('rotate') : followUp.kind === 'command' ? colors.cyan('run') : colors.yellow('by hand');
      out.push(`  ${tag}  ${followUp.message}`);
    }
  }
  if (journal) out.push(colors.dim(`undo with \`shipshape undo\` (originals saved in ${journal})`));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
