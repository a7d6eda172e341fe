/** How a secret is shown anywhere: its first characters and its length, never the value. */
export function maskSecret(value: string): string {
  const shown = value.length >= 16 ? 6 : value.length >= 8 ? 3 : 0;
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) result = result.split(secret).join(maskSecret(secret));
  }
  return result;
}

const ENV_ASSIGNMENT = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*)(["']?)(.*?)\2(\s*(?:#.*)?)$/;

/** Env files hold nothing but configuration and secrets: every value is masked when a line is shown. */
export function redactEnvLine(line: string): string {
  const match = ENV_ASSIGNMENT.exec(line);
  if (!match || match[3] === '') return line;
  return `${match[1]}${match[2]}${maskSecret(match[3]!)}${match[2]}${match[4]}`;
}
