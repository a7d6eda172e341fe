import { parseSqlStatements, SqlParseError, type SqlStatement } from '../sql/sql-reader.ts';
import type { Database } from './database.ts';

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${file}:${line}: ${message}`, options);
  }
}

function needsOwnTransactionControl(statements: readonly SqlStatement[]): boolean {
  return statements.some(
    (s) =>
      s.kind === 'TransactionStmt' || ((s.kind === 'IndexStmt' || s.kind === 'DropStmt' || s.kind === 'ReindexStmt') && s.node?.concurrent),
  );
}

/**
 * `COPY … FROM STDIN` waits for rows the client sends after it, as psql does from the lines that
 * follow in a dump; a database driver sends none, and the statement waits for ever.
 */
function readsFromClient(statement: SqlStatement): boolean {
  return statement.kind === 'CopyStmt' && statement.node?.is_from === true && !statement.node.filename && !statement.node.is_program;
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
    const copy = statements.find(readsFromClient);
    if (copy) {
      throw new MigrationError(
        file.path,
        copy.line,
        'COPY … FROM STDIN takes its rows from psql, which verify is not: write the rows as INSERT statements (pg_dump --inserts, supabase db dump without --use-copy)',
      );
    }
    const wrap = !needsOwnTransactionControl(statements);
    if (wrap) await db.exec('begin');
    for (const statement of statements) {
      try {
        await db.exec(statement.text);
      } catch (error) {
        await db.exec('rollback').catch(() => {});
        throw new MigrationError(file.path, statement.line, (error as Error).message, { cause: error });
      }
    }
    if (wrap) await db.exec('commit');
  }
}
