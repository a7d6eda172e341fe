import type { Expression, Node } from '@babel/types';

/** SQL text built from pieces: the literal text and the values spliced into it, in order. */
export type SqlPart = { text: string } | { value: Expression };

/** The pieces of a template literal or a `+` concatenation that splices at least one value into text. */
export function splicedParts(expression: Node | null | undefined): SqlPart[] | null {
  if (!expression) return null;
  if (expression.type !== 'TemplateLiteral' && !(expression.type === 'BinaryExpression' && expression.operator === '+')) return null;
  const parts: SqlPart[] = [];
  const collect = (node: Node): void => {
    if (node.type === 'StringLiteral') parts.push({ text: node.value });
    else if (node.type === 'TemplateLiteral') {
      node.quasis.forEach((quasi, index) => {
        parts.push({ text: quasi.value.cooked ?? quasi.value.raw });
        const value = node.expressions[index];
        if (value) collect(value);
      });
    } else if (node.type === 'BinaryExpression' && node.operator === '+' && node.left.type !== 'PrivateName') {
      collect(node.left);
      collect(node.right);
    } else parts.push({ value: node as Expression });
  };
  collect(expression);
  if (!parts.some((part) => 'value' in part)) return null;
  // A concatenation without text is arithmetic, not SQL.
  if (!parts.some((part) => 'text' in part && part.text.trim() !== '')) return null;
  return parts;
}

const SQL_SHAPE = /\b(select\b[\s\S]*\bfrom|insert\s+into|update\b[\s\S]*\bset|delete\s+from|with\s+\w+\s+as)\b/i;

export function looksLikeSql(parts: readonly SqlPart[]): boolean {
  return SQL_SHAPE.test(parts.map((part) => ('text' in part ? part.text : ' ? ')).join(''));
}

/** The SQL with a placeholder for each parameter; a parameter is one value, or a quoted string with values inside. */
export interface ParameterPlan {
  /** Text around the placeholders: always one more chunk than parameters. */
  chunks: string[];
  parameters: SqlPart[][];
}

const NAME_BEFORE = /(\b(from|join|into|update|table|by|as|set)\s+|["`.])$/i;
const LIST_BEFORE = /\bin\s*\(\s*$/i;

function isJoinCall(value: Expression): boolean {
  return (
    value.type === 'CallExpression' &&
    value.callee.type === 'MemberExpression' &&
    value.callee.property.type === 'Identifier' &&
    value.callee.property.name === 'join'
  );
}

/**
 * Turns spliced SQL into placeholders and values. A value inside a quoted SQL string makes the
 * whole string one parameter (`'%${q}%'` becomes `$1` with the value `` `%${q}%` ``). Table and
 * column names and spliced lists cannot be parameters: the answer then says why.
 */
export function planParameters(parts: readonly SqlPart[]): ParameterPlan | { reason: string } {
  const chunks: string[] = [''];
  const parameters: SqlPart[][] = [];
  let quoted: SqlPart[] | null = null;
  let quotedSource = '';
  const emit = (text: string) => (chunks[chunks.length - 1] += text);

  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if ('value' in part) {
      if (quoted) {
        quoted.push(part);
        quotedSource += '\0';
        continue;
      }
      const before = chunks[chunks.length - 1]!;
      const next = parts[index + 1];
      if (NAME_BEFORE.test(before) || (next && 'text' in next && /^["`.]/.test(next.text))) {
        return { reason: 'a table or column name is spliced into the SQL; placeholders can only stand for values' };
      }
      if (LIST_BEFORE.test(before) || isJoinCall(part.value)) {
        return { reason: 'a list is spliced into `IN (…)`; pass an array and use `= ANY($1)` instead' };
      }
      parameters.push([part]);
      chunks.push('');
      continue;
    }
    const text = part.text;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (!quoted) {
        if (char === "'") {
          quoted = [];
          quotedSource = "'";
        } else emit(char);
        continue;
      }
      if (char === "'" && text[i + 1] === "'") {
        quoted.push({ text: "'" });
        quotedSource += "''";
        i++;
      } else if (char === "'") {
        if (quoted.some((piece) => 'value' in piece)) {
          parameters.push(mergeText(quoted));
          chunks.push('');
        } else emit(`${quotedSource}'`);
        quoted = null;
      } else {
        quoted.push({ text: char });
        quotedSource += char;
      }
    }
  }
  if (quoted) return { reason: 'the SQL has an unterminated string' };
  return { chunks, parameters };
}

function mergeText(pieces: readonly SqlPart[]): SqlPart[] {
  const merged: SqlPart[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if ('text' in piece && last && 'text' in last) last.text += piece.text;
    else merged.push('text' in piece ? { text: piece.text } : piece);
  }
  return merged;
}

/** The APIs that run SQL (or PostgREST filters) from plain text. */
export type RawSqlApi = 'prisma' | 'driver' | 'postgres.js' | 'drizzle' | 'knex' | 'postgrest-filter';

/** Which raw-text API a call goes to, judged by its method name (and `sql.raw` by its object). */
export function rawSqlApi(callee: Node): RawSqlApi | null {
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
  if (callee.computed || callee.property.type !== 'Identifier') return null;
  const method = callee.property.name;
  if (method === '$queryRawUnsafe' || method === '$executeRawUnsafe') return 'prisma';
  if (method === 'query' || method === 'execute') return 'driver';
  if (method === 'unsafe') return 'postgres.js';
  if (method === 'raw') return callee.object.type === 'Identifier' && callee.object.name === 'sql' ? 'drizzle' : 'knex';
  if (method === 'or' || method === 'filter') return 'postgrest-filter';
  return null;
}
