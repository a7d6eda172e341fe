/** A problem with what the user asked for or pointed at: exit 2, one line and a hint, never a stack. */
export class UsageError extends Error {
  /** What to do about it: every usage error says, on a line of its own. */
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
