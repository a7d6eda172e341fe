import pc from 'picocolors';
import { addedTodos, type FileChange, type FollowUp } from '../engine/changeset.ts';
import type { TransformFailure } from '../engine/run-transform.ts';

/** What was written, what is left to do by hand, and what to do next. */
export function renderApplySummary(
  changes: readonly FileChange[],
  followUps: readonly FollowUp[],
  failures: readonly TransformFailure[],
  journal: string | null,
  color: boolean,
): string {
  const colors = pc.createColors(color);
  const out: string[] = [];
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
  if (failures.length > 0) {
    out.push(colors.bold(colors.yellow(`not transformed: ${failures.length} file(s)`)));
    for (const failure of failures) out.push(`  ${failure.file}: ${failure.reason}`);
  }
  if (followUps.length > 0) {
    out.push(colors.bold('next steps:'));
    for (const followUp of followUps) {
      const tag = followUp.kind === 'secret' ? colors.red('rotate') : followUp.kind === 'command' ? colors.cyan('run') : colors.yellow('by hand');
      out.push(`  ${tag}  ${followUp.message}`);
    }
  }
  if (journal) out.push(colors.dim(`undo with \`shipshape undo\` (originals saved in ${journal})`));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
