import { createHash } from 'node:crypto';
import { scanSync } from 'libpg-query';

const MAX_IDENTIFIER_BYTES = 63;
const PLAIN = /^[a-z_][a-z0-9_]*$/;

/** A name Postgres cannot hold: empty, with a NUL byte, or longer than it keeps (it would silently truncate). */
export function validateIdentifier(name: string): void {
  if (name.length === 0) throw new Error('an empty SQL identifier');
  if (name.includes('\0')) throw new Error(`the SQL identifier ${JSON.stringify(name)} contains a NUL byte`);
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) throw new Error(`the SQL identifier ${JSON.stringify(name)} is longer than ${MAX_IDENTIFIER_BYTES} bytes`);
}

function isKeyword(name: string): boolean {
  try {
    const [token] = scanSync(name).tokens;
    return token !== undefined && token.keywordKind > 1 && token.end - token.start === Buffer.byteLength(name);
  } catch {
    return true;
  }
}

/** One identifier, double-quoted unless it is a plain lower-case name that is not a reserved word. */
export function quoteIdentifier(name: string): string {
  validateIdentifier(name);
  if (PLAIN.test(name) && !isKeyword(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export function qualifiedIdentifier(...parts: string[]): string {
  return parts.map(quoteIdentifier).join('.');
}

/** A string literal; standard_conforming_strings keeps backslashes literal. */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('a SQL string cannot contain a NUL byte');
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A name for a generated constraint or index, from its parts: too long a name gets a short hash of
 * the full one instead of Postgres's silent truncation, which can make two names collide.
 */
export function derivedName(...parts: string[]): string {
  const name = parts.join('_');
  if (Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let prefix = name;
  while (Buffer.byteLength(prefix, 'utf8') > MAX_IDENTIFIER_BYTES - 9) prefix = prefix.slice(0, -1);
  return `${prefix}_${hash}`;
}
