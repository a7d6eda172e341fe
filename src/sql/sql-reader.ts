/**
 * SQL migrations read into the schema model: statement splitting and parsing (`statements.ts`),
 * policy expressions (`policy-expressions.ts`), column, constraint and function definitions
 * (`definitions.ts`), and the reader that replays each statement (`schema-reader.ts`).
 */
export { SqlParseError, type SqlStatement, holdsDdl, loadSqlParser, parseSqlStatements } from './sql-reader/statements.ts';
export { analyseExpression, analysePolicyText } from './sql-reader/policy-expressions.ts';
export { SqlSchemaReader } from './sql-reader/schema-reader.ts';
