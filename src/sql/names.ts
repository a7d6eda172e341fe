import { createHash } from 'node:crypto';
import { SqlParserNotLoaded, scanSync } from './pg-parser.ts';

const MAX_IDENTIFIER_BYTES = 63;
const PLAIN = /^[a-z_][a-z0-9_]*$/;
/** Characters a line comment, a terminal or a migration tool could take for the end of a line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

/**
 * SQL text made only of fixed keywords, identifiers from `quoteIdentifier` and literals from
 * `quoteLiteral`. It is the only kind of value a SQL template prints.
 */
export class SqlFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * Builds a fragment from fixed text and other fragments: a plain string spliced in is refused, so
 * a name can reach SQL only through the quoting functions.
 */
export function sql(strings: TemplateStringsArray, ...values: SqlFragment[]): SqlFragment {
  let text = strings[0]!;
  values.forEach((value, i) => {
    if (!(value instanceof SqlFragment)) throw new Error(`unquoted text spliced into SQL: ${JSON.stringify(String(value)).slice(0, 80)}`);
    text += value.text + strings[i + 1]!;
  });
  return new SqlFragment(text);
}

export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  return new SqlFragment(fragments.map((f) => f.text).join(separator));
}

/** A name Postgres cannot hold: empty, with a NUL byte, or longer than it keeps (it would silently truncate). */
export function validateIdentifier(name: string): void {
  if (typeof name !== 'string') throw new Error(`an SQL identifier must be a string, got ${typeof name}`);
  if (name.length === 0) throw new Error('an empty SQL identifier');
  if (name.includes('\0')) throw new Error(`the SQL identifier ${JSON.stringify(name)} contains a NUL byte`);
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES)
    throw new Error(`the SQL identifier ${JSON.stringify(name)} is longer than ${MAX_IDENTIFIER_BYTES} bytes`);
}

function isKeyword(name: string): boolean {
  try {
    const [token] = scanSync(name).tokens;
    return token !== undefined && token.keywordKind > 1 && token.end - token.start === Buffer.byteLength(name);
  } catch (error) {
    if (error instanceof SqlParserNotLoaded) throw error;
    return true;
  }
}

const unicodeEscape = (char: string) => `\\${char.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/**
 * One identifier, double-quoted unless it is a plain lower-case name that is not a reserved word.
 * A name holding a control character is written `U&"…"` with that character escaped, so no
 * generated line (comments included) can be broken by a name.
 */
export function quoteIdentifier(name: string): string {
  validateIdentifier(name);
  if (PLAIN.test(name) && !isKeyword(name)) return name;
  const quoted = name.replace(/"/g, '""');
  if (!CONTROL.test(name)) return `"${quoted}"`;
  return `U&"${quoted.replace(/\\/g, '\\\\').replace(CONTROL_ALL, unicodeEscape)}"`;
}

/** `schema.name`, each part quoted as needed. */
export function qualifiedIdentifier(...parts: string[]): string {
  return parts.map(quoteIdentifier).join('.');
}

/**
 * A string literal. One with a backslash or a control character is written `E'…'` with escapes,
 * so it reads the same whatever standard_conforming_strings says and never breaks a line.
 */
export function quoteLiteral(value: string): string {
  if (typeof value !== 'string') throw new Error(`a SQL string literal must be a string, got ${typeof value}`);
  if (value.includes('\0')) throw new Error('a SQL string cannot contain a NUL byte');
  const quoted = value.replace(/'/g, "''");
  if (!value.includes('\\') && !CONTROL.test(value)) return `'${quoted}'`;
  return `E'${quoted.replace(/\\/g, '\\\\').replace(CONTROL_ALL, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)}'`;
}

export const ident = (...parts: string[]): SqlFragment => new SqlFragment(qualifiedIdentifier(...parts));
export const literal = (value: string): SqlFragment => new SqlFragment(quoteLiteral(value));

/**
 * Text for a `--` comment: control characters become visible `\uXXXX` escapes (a newline would
 * end the comment and start a statement), and `/*` and `*\/` are split so no tool reads a block
 * comment into it.
 */
export function commentText(text: string): string {
  return text
    .replace(CONTROL_ALL, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)
    .replace(/\/\*/g, '/ *')
    .replace(/\*\//g, '* /');
}

/**
 * A name for a generated constraint or index, from its parts: too long a name gets a short hash of
 * the full one instead of Postgres's silent truncation, which can make two names collide.
 */
export function derivedName(...parts: string[]): string {
  const name = parts.join('_');
  if (Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  // Whole code points only: half a surrogate pair would reach Postgres as a different character.
  const chars = Array.from(name);
  while (Buffer.byteLength(chars.join(''), 'utf8') > MAX_IDENTIFIER_BYTES - 9) chars.pop();
  return `${chars.join('')}_${hash}`;
}

/** A table as SQL in a message: `public` left out, as people write it, every part quoted as needed. */
export function tableIdentifier(table: { schema: string; name: string }): string {
  return table.schema === 'public' ? quoteIdentifier(table.name) : qualifiedIdentifier(table.schema, table.name);
}
