import { select } from '@inquirer/prompts';
import { qualifiedName } from '../sql/model.ts';
import type { AccessMode, TableDecision } from '../sql/plan.ts';

const LABELS: Record<AccessMode, string> = {
  owner: 'owner-only: each user reads and writes their own rows',
  'public-read': 'public read: everyone reads, the owner writes',
  team: 'team: members of the row\'s team read and write',
  'server-only': 'server only: RLS on, no client access (the service role still works)',
  skip: 'skip: leave this table as it is',
};

function describe(decision: TableDecision): string {
  if (decision.ownership) return `owner inferred: ${decision.ownership.column} (${decision.ownership.reason})`;
  if (decision.team) return `team column ${decision.team.column}, members in ${qualifiedName(decision.team.members)}`;
  return 'no owner column found';
}

/** Asks, per table, how signed-in users may use its rows; the inferred mode is preselected. Writes nothing. */
export async function askAccessModes(decisions: readonly TableDecision[], write: (text: string) => void): Promise<TableDecision[]> {
  const answered: TableDecision[] = [];
  for (const decision of decisions) {
    write(`\n${qualifiedName(decision.table)}: ${describe(decision)}\n`);
    const mode = await select<AccessMode>({
      message: `Access to ${qualifiedName(decision.table)}`,
      choices: decision.choices.map((value) => ({ value, name: LABELS[value] })),
      default: decision.mode,
    });
    answered.push({ ...decision, mode });
  }
  return answered;
}
