const SUPPRESSION = /(?:\/\/|\/\*|--|#)\s*shipshape-ignore\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/i;

function idsOn(line: string | undefined): string[] {
  const match = line === undefined ? null : SUPPRESSION.exec(line);
  return match ? match[1]!.split(',').map((id) => id.trim().toLowerCase()) : [];
}

/** A `shipshape-ignore <id> -- reason` comment on the finding's line or the line above suppresses it. */
export function isSuppressed(lines: readonly string[], line: number, ruleId: string): boolean {
  return idsOn(lines[line - 1]).includes(ruleId) || idsOn(lines[line - 2]).includes(ruleId);
}
