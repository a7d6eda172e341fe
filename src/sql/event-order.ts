import path from 'node:path';
import { SqlParserNotLoaded, scanSync, type ScanToken } from './pg-parser.ts';
import type { Node } from '@babel/types';
import { memberName } from '../engine/ast.ts';
import { parseSource } from '../engine/parse.ts';
import { forEachNode } from '../engine/walk.ts';
import { readTextFile } from '../project/files.ts';
import { isSourceFile } from '../project/load-project.ts';
import type { Project } from '../project/types.ts';
import { findColumn, findTable, type SchemaModel } from './model.ts';
import { quoteIdentifier } from './names.ts';
import { renderStandalone, type GeneratedFile, type Layout } from './render.ts';
import { parseSqlStatements, type SqlStatement } from './sql-reader.ts';

/**
 * The column a webhook handler keeps the time of the last event it wrote in. Not the row's own
 * `updated_at`: an ORM's `@updatedAt` or a trigger sets that to now() on every write, and every
 * later event would then look older than the row.
 */
export const EVENT_ORDER_COLUMN = 'last_event_at';

/** Stands, in an insertion's text, for the event's time: a new `$n` for pg, `${time}` in a postgres.js template. */
export const EVENT_TIME = '\u0000';

export interface SqlInsertion {
  /** Offset in the statement's text. */
  at: number;
  text: string;
}

export interface GuardedStatement {
  insertions: SqlInsertion[];
  /** The highest `$n` the statement already uses: the event's time becomes `$n+1`. */
  parameters: number;
  table: { schema: string; name: string };
}

interface Token extends ScanToken {
  depth: number;
}

/** The statement's tokens, each with its parenthesis depth. */
function tokensOf(sql: string): Token[] {
  let depth = 0;
  return scanSync(sql).tokens.map((token) => {
    if (token.text === ')') depth--;
    const withDepth = { ...token, depth };
    if (token.text === '(') depth++;
    return withDepth;
  });
}

function keyword(tokens: readonly Token[], word: string, from = 0, depth = 0): number {
  return tokens.findIndex((token, index) => index >= from && token.depth === depth && token.text.toUpperCase() === word);
}

/** The index of the `)` that closes the `(` at `open`. */
function closing(tokens: readonly Token[], open: number): number {
  return tokens.findIndex((token, index) => index > open && token.text === ')' && token.depth === tokens[open]!.depth);
}

/** Where a clause ends: before `RETURNING` at the top level, or at the statement's last token. */
function clauseEnd(tokens: readonly Token[], from: number): number {
  const returning = keyword(tokens, 'RETURNING', from);
  const last = returning >= 0 ? returning - 1 : tokens.findLastIndex((token) => token.text !== ';');
  return tokens[last]!.end;
}

function mentions(tokens: readonly Token[], column: string): boolean {
  return tokens.some((token) => token.text.replace(/"/g, '').toLowerCase() === column);
}

function relationOf(node: { relation?: { relname?: string; schemaname?: string; alias?: { aliasname?: string } } }) {
  const relation = node.relation;
  return relation?.relname ? { schema: relation.schemaname ?? 'public', name: relation.relname, alias: relation.alias?.aliasname } : null;
}

/**
 * The insertions that make one UPDATE, or one INSERT … ON CONFLICT DO UPDATE, write only when the
 * event is newer than the one the row last took, and record its time:
 * `UPDATE t SET …, last_event_at = $n WHERE … AND (last_event_at IS NULL OR last_event_at < $n)`,
 * `… DO UPDATE SET …, last_event_at = EXCLUDED.last_event_at WHERE t.last_event_at IS NULL OR t.last_event_at < EXCLUDED.last_event_at`.
 * The reason instead where the statement's shape leaves that unclear. Needs `loadSqlParser()`.
 */
export function guardStatement(sql: string): GuardedStatement | { reason: string } {
  // The parser counts bytes; offsets are characters.
  if (/[^\x00-\x7f]/.test(sql)) return { reason: 'the statement holds non-ASCII text' };
  let statements: SqlStatement[];
  try {
    statements = parseSqlStatements(sql);
  } catch (error) {
    if (error instanceof SqlParserNotLoaded) throw error;
    return { reason: 'the statement does not parse' };
  }
  if (statements.length !== 1) return { reason: 'the text holds more than one statement' };
  const [statement] = statements as [SqlStatement];
  const tokens = tokensOf(sql);
  if (mentions(tokens, EVENT_ORDER_COLUMN)) return { reason: `the statement already writes ${EVENT_ORDER_COLUMN}` };
  const parameters = Math.max(0, ...tokens.filter((token) => /^\$\d+$/.test(token.text)).map((token) => Number(token.text.slice(1))));
  const table = relationOf(statement.node);
  if (!table) return { reason: 'the statement names no table' };
  const column = EVENT_ORDER_COLUMN;
  if (statement.kind === 'UpdateStmt') {
    if (statement.node.fromClause?.length) return { reason: 'the update joins other tables (`FROM`)' };
    if (!statement.node.whereClause) return { reason: 'the update has no WHERE: it writes every row' };
    const where = keyword(tokens, 'WHERE');
    if (where < 1 || tokens[where + 1] === undefined) return { reason: 'the WHERE clause was not found' };
    const end = clauseEnd(tokens, where);
    const either = statement.node.whereClause.BoolExpr?.boolop === 'OR_EXPR';
    const insertions: SqlInsertion[] = [{ at: tokens[where - 1]!.end, text: `, ${column} = ${EVENT_TIME}` }];
    if (either) insertions.push({ at: tokens[where + 1]!.start, text: '(' }, { at: end, text: ')' });
    insertions.push({ at: end, text: ` AND (${column} IS NULL OR ${column} < ${EVENT_TIME})` });
    return { insertions, parameters, table };
  }
  if (statement.kind === 'InsertStmt') {
    const conflict = statement.node.onConflictClause;
    if (conflict?.action !== 'ONCONFLICT_UPDATE') return { reason: 'only an upsert (`ON CONFLICT … DO UPDATE`) writes state' };
    if (conflict.whereClause) return { reason: 'the upsert already has a condition on its update' };
    const values = statement.node.selectStmt?.SelectStmt?.valuesLists;
    if (!statement.node.cols?.length || values?.length !== 1)
      return { reason: 'the insert does not list its columns and one row of values' };
    const columnsOpen = tokens.findIndex((token) => token.text === '(' && token.depth === 0);
    const valuesAt = keyword(tokens, 'VALUES');
    const valuesOpen = valuesAt >= 0 && tokens[valuesAt + 1]?.text === '(' ? valuesAt + 1 : -1;
    const doAt = keyword(tokens, 'DO');
    if (columnsOpen < 0 || valuesOpen < 0 || columnsOpen > valuesAt || doAt < 0 || keyword(tokens, 'SET', doAt) < 0)
      return { reason: 'the upsert is not written `INSERT INTO t (…) VALUES (…) ON CONFLICT … DO UPDATE SET …`' };
    const target = table.alias ?? table.name;
    const qualified = `${quoteIdentifier(target)}.${column}`;
    const insertions: SqlInsertion[] = [
      { at: tokens[closing(tokens, columnsOpen) - 1]!.end, text: `, ${column}` },
      { at: tokens[closing(tokens, valuesOpen) - 1]!.end, text: `, ${EVENT_TIME}` },
      {
        at: clauseEnd(tokens, doAt),
        text: `, ${column} = EXCLUDED.${column} WHERE ${qualified} IS NULL OR ${qualified} < EXCLUDED.${column}`,
      },
    ];
    return { insertions, parameters, table };
  }
  return { reason: 'only an UPDATE or an upsert writes state' };
}

/** The statement with its insertions made and the event's time written as `time`. */
export function applyInsertions(sql: string, insertions: readonly SqlInsertion[], time: string): string {
  let result = sql;
  // From the end, and at one offset the last listed first, so insertions at one offset keep their listed order.
  const ordered = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => b.at - a.at || b.order - a.order);
  for (const insertion of ordered)
    result = result.slice(0, insertion.at) + insertion.text.replaceAll(EVENT_TIME, time) + result.slice(insertion.at);
  return result;
}

/** SQL in a string or a template, each spliced value as `$n`: what a guarded statement looks like in code. */
function sqlTextOf(node: Node): string | null {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type !== 'TemplateLiteral') return null;
  return node.quasis.map((quasi, index) => (index === 0 ? '' : `$${index}`) + (quasi.value.cooked ?? quasi.value.raw)).join('');
}

/**
 * The tables the code writes the event time column of: SQL statements that name it, and supabase-js
 * chains (`.from('t')…`) that do. Needs `loadSqlParser()`.
 */
export function guardedTables(project: Project, schema: SchemaModel): Array<{ schema: string; name: string }> {
  const tables: Array<{ schema: string; name: string }> = [];
  for (const file of project.files) {
    if (!isSourceFile(file) || (schema.packageDir && !file.startsWith(`${schema.packageDir}/`))) continue;
    const read = readTextFile(path.join(project.root, file));
    if (!read.ok || !read.text.includes(EVENT_ORDER_COLUMN)) continue;
    let program: Node;
    try {
      program = parseSource(file, read.text).program;
    } catch {
      continue;
    }
    forEachNode(program, (node, ancestors) => {
      const sql = sqlTextOf(node);
      if (sql?.includes(EVENT_ORDER_COLUMN)) {
        try {
          for (const statement of parseSqlStatements(sql)) {
            const table = (statement.kind === 'UpdateStmt' || statement.kind === 'InsertStmt') && relationOf(statement.node);
            if (table) tables.push({ schema: table.schema, name: table.name });
          }
        } catch (error) {
          if (error instanceof SqlParserNotLoaded) throw error;
          // Text that only mentions the column is not a statement.
        }
      }
      if (node.type !== 'CallExpression' || memberName(node.callee) !== 'from' || node.arguments[0]?.type !== 'StringLiteral') return;
      // The whole chain: each link is a member of the call before it.
      let chain: Node = node;
      for (let index = ancestors.length - 1; index > 0; index -= 2) {
        const member = ancestors[index]!;
        const call = ancestors[index - 1]!;
        if (member.type !== 'MemberExpression' || call.type !== 'CallExpression' || call.callee !== member) break;
        chain = call;
      }
      if (read.text.slice(chain.start!, chain.end!).includes(EVENT_ORDER_COLUMN))
        tables.push({ schema: 'public', name: node.arguments[0].value });
    });
  }
  return tables;
}

/** The tables a guarded statement writes the event's time to, where the schema has no such column yet. */
export function tablesWithoutEventTime(schema: SchemaModel, tables: ReadonlyArray<{ schema: string; name: string }>) {
  const seen = new Set<string>();
  return tables.filter((table) => {
    const key = `${table.schema}.${table.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const known = findTable(schema, table.schema, table.name);
    return !known || !findColumn(known, EVENT_ORDER_COLUMN);
  });
}

const STATEMENTS = new Set(['VariableSetStmt', 'TransactionStmt', 'AlterTableStmt']);

/** The migration that adds the column to each table, and its rollback; refuses any statement it does not plan. */
export function renderEventOrder(options: {
  layout: Layout;
  name: string;
  at: Date;
  tables: ReadonlyArray<{ schema: string; name: string }>;
}): GeneratedFile {
  return renderStandalone('event-order', options, { tables: options.tables, column: EVENT_ORDER_COLUMN }, STATEMENTS);
}
