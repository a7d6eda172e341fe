import path from 'node:path';
import { SECRET_SHAPES, URL_PASSWORD } from '../engine/secret-shapes.ts';
import { isEnvFileName } from '../project/env-files.ts';

/** How a secret is shown anywhere: its first characters and its length, never the value. */
export function maskSecret(value: string, shown = value.length >= 16 ? 6 : value.length >= 8 ? 3 : 0): string {
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

/** Long base64 lines: the body of a private key or certificate. */
const KEY_BODY = /^[A-Za-z0-9+/]{40,}={0,2}$/g;
const JWT_SHAPE = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{6,}/g;

/** A literal assigned to a name that says it is a credential. */
const NAMED_SECRET = /((?:secret|password|passwd|token|api[_-]?key|private[_-]?key)\w*["']?\s*[:=]\s*["'`])([^"'`\s]{8,})(["'`])/gi;

export function redactSecretShapes(text: string): string {
  let result = text;
  for (const { pattern } of SECRET_SHAPES) result = result.replace(pattern, (match) => maskSecret(match));
  for (const shape of [JWT_SHAPE, KEY_BODY]) result = result.replace(shape, (match) => maskSecret(match));
  result = result.replace(URL_PASSWORD, (_, head: string, password: string, at: string) => `${head}${maskSecret(password, 0)}${at}`);
  return result.replace(NAMED_SECRET, (_, head: string, value: string, tail: string) => `${head}${maskSecret(value)}${tail}`);
}

/** A line of a file made safe to show: env values, the check's own secrets and credential shapes masked. */
export function redactLine(line: string, file: string, secrets: readonly string[]): string {
  const envSafe = isEnvFileName(path.posix.basename(file)) ? redactEnvLine(line) : line;
  return redactSecretShapes(redact(envSafe, secrets));
}
