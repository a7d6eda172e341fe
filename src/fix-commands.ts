/**
 * Fixes that are commands of their own rather than transforms: `fix` cannot plan them, so it
 * names the command to run instead.
 */
export const GENERATORS: Readonly<Record<string, { command: string; title: string }>> = {
  sql: { command: 'shipshape sql', title: 'generated SQL migrations (RLS policies, constraints, indexes)' },
};

/** The command that applies a check's fix: the generator's own command, or `fix` for a transform. */
export function fixCommand(fixId: string, checkId: string): string {
  return GENERATORS[fixId]?.command ?? `shipshape fix --only ${checkId}`;
}
