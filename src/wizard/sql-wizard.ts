import { select } from '@inquirer/prompts';
import { qualifiedName } from '../sql/model.ts';
import { quoteIdentifier } from '../sql/names.ts';
import { accessQuestion, type AccessMode, type TableDecision } from '../sql/plan.ts';

const LABELS: Record<AccessMode, string> = {
  owner: 'owner-only: each user reads and writes their own rows',
  'public-read': 'public read: everyone reads, the owner writes',
  team: "team: members of the row's team read and write",
  'server-only': 'server only: RLS on, no client access (the service role still works)',
  skip: 'skip: leave this table as it is',
};

function describe(decision: TableDecision): string {
  const publicNow = decision.publicReadPolicy
    ? `; everyone reads it now, through the policy ${quoteIdentifier(decision.publicReadPolicy)}`
    : '';
  if (decision.ownership) return `owner inferred: ${decision.ownership.column} (${decision.ownership.reason})${publicNow}`;
  if (decision.team) return `team column ${decision.team.column}, members in ${qualifiedName(decision.team.members)}`;
  return 'no owner column found';
}

/** Asks, per table, how signed-in users may use its rows; the inferred mode is preselected. Writes nothing. */
export async function askAccessModes(decisions: readonly TableDecision[], write: (text: string) => void): Promise<TableDecision[]> {
  const answered: TableDecision[] = [];
  for (const decision of decisions) {
    write(`\n${qualifiedName(decision.table)}: ${describe(decision)}\n`);
    const question = accessQuestion(decision);
    const mode = await select<AccessMode>({
      message: question.message,
      choices: question.choices!.map(({ value }) => ({ value: value as AccessMode, name: LABELS[value as AccessMode] })),
      default: question.default as AccessMode,
    });
    answered.push({ ...decision, mode });
  }
  return answered;
}
