import { parseSqlStatements, SqlParseError, type SqlStatement } from '../sql/sql-reader.ts';
import type { Database } from './database.ts';

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

function needsOwnTransactionControl(statements: readonly SqlStatement[]): boolean {
  return statements.some(
    (s) =>
      s.kind === 'TransactionStmt' || ((s.kind === 'IndexStmt' || s.kind === 'DropStmt' || s.kind === 'ReindexStmt') && s.node?.concurrent),
  );
}

/**
 * Applies migration files in order, one statement at a time. A file runs in one transaction, as
 * Supabase runs it, unless it manages its own (BEGIN/COMMIT) or holds a CONCURRENTLY statement,
 * which Postgres refuses inside a transaction block.
 */
export async function applyMigrations(db: Database, files: ReadonlyArray<{ path: string; text: string }>): Promise<void> {
  for (const file of files) {
    let statements: SqlStatement[];
    try {
      statements = parseSqlStatements(file.text);
    } catch (error) {
      throw new MigrationError(file.path, error instanceof SqlParseError ? error.line : 1, `does not parse: ${(error as Error).message}`);
    }
    if (statements.length === 0) continue;
    const wrap = !needsOwnTransactionControl(statements);
    if (wrap) await db.exec('begin');
    for (const statement of statements) {
      try {
        await db.exec(statement.text);
      } catch (error) {
        await db.exec('rollback').catch(() => {});
        throw new MigrationError(file.path, statement.line, (error as Error).message);
      }
    }
    if (wrap) await db.exec('commit');
  }
}
