import { SqlParserNotLoaded, parseSync } from '../pg-parser.ts';

export { loadSqlParser } from '../pg-parser.ts';

/** A libpg-query parse tree node: one key (the node type) over its fields; @pgsql/types is too loose to narrow usefully. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parse trees are walked by key at run time
export type PgNode = any;

/** Maps the parser's byte offsets to 1-based lines. */
export class LineIndex {
  private readonly starts: number[] = [0];
  readonly bytes: Buffer;
  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  slice(start: number, end: number): string {
    return this.bytes.subarray(start, end).toString('utf8');
  }
}

/** The first byte of a statement after the whitespace and comments the parser counts as part of it. */
export function firstTokenOffset(bytes: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = bytes[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x2d && bytes[i + 1] === 0x2d) {
      while (i < end && bytes[i] !== 0x0a) i++;
    } else if (c === 0x2f && bytes[i + 1] === 0x2a) {
      const close = bytes.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else break;
  }
  return i;
}

export interface SqlStatement {
  node: PgNode;
  /** The statement's kind, e.g. `CreateStmt`. */
  kind: string;
  text: string;
  /** Byte offsets into the file. */
  start: number;
  end: number;
  line: number;
}

export class SqlParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Splits and parses a SQL file; throws SqlParseError with the line of the failure. */
export function parseSqlStatements(text: string): SqlStatement[] {
  const index = new LineIndex(text);
  let result: PgNode;
  try {
    result = parseSync(text);
  } catch (error) {
    if (error instanceof SqlParserNotLoaded) throw error;
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    // The cursor is the offset of the bad token in characters, from 0.
    const cursor = details?.cursorPosition;
    const line = cursor ? text.slice(0, cursor).split('\n').length : 1;
    throw new SqlParseError((error as Error).message, line);
  }
  const statements: SqlStatement[] = [];
  for (const raw of result.stmts ?? []) {
    const location = raw.stmt_location ?? 0;
    const end = raw.stmt_len ? location + raw.stmt_len : index.bytes.length;
    const start = firstTokenOffset(index.bytes, location, end);
    const kind = Object.keys(raw.stmt ?? {})[0] ?? 'Unknown';
    statements.push({ node: raw.stmt[kind], kind, text: index.slice(start, end).trim(), start, end, line: index.line(start) });
  }
  return statements;
}
/** Does this SQL text define schema (as opposed to queries or seed data)? */
export function holdsDdl(text: string): boolean {
  return /\b(create|alter)\s+(table|policy|index|unique\s+index)\b/i.test(text);
}
