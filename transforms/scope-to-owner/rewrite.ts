import type { CallExpression, Node, ObjectExpression, ObjectProperty, StringLiteral, TemplateLiteral } from '@babel/types';
import { propertyName } from '../../src/engine/ast.ts';
import type { TextEdits } from '../../src/engine/codemod.ts';
import { sqlStatement, type RecordQuery } from '../../src/analysis/record-queries.ts';

/** What a rewrite needs besides the query: the owner's name in the query's terms, the user's id, and how the handler answers 404. */
export interface Scope {
  edits: TextEdits;
  source: string;
  owner: string;
  userId: string;
  notFound: string;
  /** The statement holding the query, and the handler's text (to pick names that are free). */
  statement: Node;
  handler: Node;
  /** The comparisons with the caller's values, for a scoped re-read. */
  callerComparisons: RecordQuery['comparisons'];
}

/** Why a query was left as it was, for its TODO; null when it was rewritten. */
export type Outcome = string | null;

const text = (scope: Scope, node: Node) => scope.source.slice(node.start!, node.end!);

/** A name for the affected-row count that the handler does not use yet. */
function freeName(scope: Scope, wanted: string, fallback: string): string {
  return new RegExp(String.raw`\b${wanted}\b`).test(text(scope, scope.handler)) ? fallback : wanted;
}

/** `if (<count> === 0) <404>` after the statement, on a line of its own at the statement's indentation. */
function afterStatement(scope: Scope, lines: string[]): void {
  const indent = scope.edits.indentAt(scope.statement.start!);
  scope.edits.insert(scope.statement.end!, lines.map((line) => `\n${indent}${line}`).join(''));
}

/**
 * The statement's result, as the count of rows the write touched: a bare `await q` gains a binding,
 * a named result is read, a destructured one gains the count; anything else is left for a person.
 */
function guardCount(scope: Scope, countKey: string, query: Node): Outcome {
  const statement = scope.statement;
  const awaited = (node: Node | null | undefined) => node?.type === 'AwaitExpression' && node.argument === query;
  if (statement.type === 'ExpressionStatement' && awaited(statement.expression)) {
    const name = freeName(scope, countKey, `${countKey}Owned`);
    scope.edits.insert(statement.start!, name === countKey ? `const { ${countKey} } = ` : `const { ${countKey}: ${name} } = `);
    afterStatement(scope, [`if (${name} === 0) ${scope.notFound}`]);
    return null;
  }
  if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1 && awaited(statement.declarations[0]!.init)) {
    const id = statement.declarations[0]!.id;
    if (id.type === 'Identifier') {
      afterStatement(scope, [`if (${id.name}.${countKey} === 0) ${scope.notFound}`]);
      return null;
    }
    if (id.type === 'ObjectPattern') {
      const existing = id.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === countKey);
      const name = existing?.value.type === 'Identifier' ? existing.value.name : countKey;
      if (!existing) scope.edits.insert(id.start! + 1, ` ${countKey},`);
      afterStatement(scope, [`if (${name} === 0) ${scope.notFound}`]);
      return null;
    }
  }
  return 'answer 404 when this write touches no row; shipshape could not tell where its result goes';
}

function prismaWhereEntry(scope: Scope, where: ObjectExpression): Outcome {
  const ownerProperty = where.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === scope.owner);
  if (ownerProperty) {
    if (ownerProperty.shorthand) scope.edits.replace(ownerProperty.start!, ownerProperty.end!, `${scope.owner}: ${scope.userId}`);
    else scope.edits.replace(ownerProperty.value.start!, ownerProperty.value.end!, scope.userId);
  } else scope.edits.appendProperty(where as never, `${scope.owner}: ${scope.userId}`);
  return null;
}

/** Removes one property of an object literal with the comma that separates it from its neighbour. */
function removeProperty(scope: Scope, object: ObjectExpression, property: Node): void {
  const index = object.properties.indexOf(property as ObjectExpression['properties'][number]);
  const next = object.properties[index + 1];
  const previous = object.properties[index - 1];
  if (next) scope.edits.replace(property.start!, next.start!, '');
  else if (previous) scope.edits.replace(previous.end!, property.end!, '');
  else scope.edits.replace(property.start!, property.end!, '');
}

export function scopePrisma(scope: Scope, query: RecordQuery): Outcome {
  const call = query.node as CallExpression;
  const where = query.where!;
  // `findFirst` and `updateMany` take no compound-key selector (`id_userId: { … }`).
  if (where.properties.some((p) => p.type !== 'ObjectProperty' || (p.value.type === 'ObjectExpression' && propertyName(p) !== scope.owner)))
    return 'add the owner to this filter by hand: it selects by a compound key or a nested filter';
  const property = (call.callee as { property: Node }).property;
  const method = query.method!;
  if (query.action === 'read') {
    if (method.startsWith('findUnique')) scope.edits.replace(property.start!, property.end!, method.replace('findUnique', 'findFirst'));
    return prismaWhereEntry(scope, where);
  }
  if (method === 'upsert') return 'an upsert creates the row when the filter misses: check the owner before it, by hand';
  const statement = scope.statement;
  const usedResult =
    statement.type === 'VariableDeclaration' &&
    statement.declarations.length === 1 &&
    statement.declarations[0]!.id.type === 'Identifier' &&
    statement.declarations[0]!.init?.type === 'AwaitExpression' &&
    statement.declarations[0]!.init.argument === call;
  if (
    !usedResult &&
    !(statement.type === 'ExpressionStatement' && statement.expression.type === 'AwaitExpression' && statement.expression.argument === call)
  )
    return 'scope this write to the signed-in user by hand (`updateMany`/`deleteMany` with the owner, 404 when the count is 0): shipshape could not tell where its result goes';
  if (usedResult && query.action === 'delete')
    return 'read the row scoped to the signed-in user before deleting it, and answer 404 when there is none: the handler uses the deleted row';
  scope.edits.replace(property.start!, property.end!, `${method}Many`);
  prismaWhereEntry(scope, where);
  if (!usedResult) return guardCount({ ...scope }, 'count', call);
  // The handler uses the updated row: count the rows the owner's filter touched, then read the row again, scoped.
  const declaration = statement as Extract<Node, { type: 'VariableDeclaration' }>;
  const declarator = declaration.declarations[0]!;
  const name = (declarator.id as { name: string }).name;
  const count = freeName(scope, 'count', 'updatedCount');
  scope.edits.replace(declaration.start!, declarator.init!.start!, `const { count${count === 'count' ? '' : `: ${count}`} } = `);
  const args = call.arguments[0] as ObjectExpression;
  const shaping = args.properties.filter((p) => p.type === 'ObjectProperty' && /^(select|include|omit)$/.test(propertyName(p) ?? ''));
  const filter = [
    ...scope.callerComparisons.map((c) => (text(scope, c.value) === c.column ? c.column : `${c.column}: ${text(scope, c.value)}`)),
    `${scope.owner}: ${scope.userId}`,
  ];
  // `updateMany` returns a count: the row's shape belongs to the re-read.
  for (const property of shaping) removeProperty(scope, args, property);
  const model = text(scope, (call.callee as { object: Node }).object);
  const reread = `${declaration.kind} ${name} = await ${model}.findFirst({ where: { ${filter.join(', ')} }${shaping.map((p) => `, ${text(scope, p)}`).join('')} });`;
  // The row can go between the write and the read: the read answers the same 404 then, and the code after it gets a row, as before.
  afterStatement(scope, [`if (${count} === 0) ${scope.notFound}`, reread, `if (!${name}) ${scope.notFound}`]);
  return null;
}

export function scopeSupabase(scope: Scope, query: RecordQuery): Outcome {
  const calls = query.eqCalls ?? [];
  const ownerCall = calls.find((call) => (call.arguments[0] as StringLiteral).value === scope.owner);
  if (ownerCall) {
    const value = ownerCall.arguments[1]!;
    scope.edits.replace(value.start!, value.end!, scope.userId);
    return null;
  }
  const last = calls.find((call) => scope.callerComparisons.some((c) => c.value === call.arguments[1])) ?? calls[calls.length - 1];
  if (!last) return "add `.eq()` on the owner column, with the signed-in user's id, to this query";
  // A chain written one call per line gets its new call on a line of its own.
  const dot = scope.source.lastIndexOf('.', (last.callee as { property: Node }).property.start!);
  const lineBreak = /\n([ \t]*)$/.exec(scope.source.slice(0, dot));
  scope.edits.insert(last.end!, `${lineBreak ? `\n${lineBreak[1]}` : ''}.eq('${scope.owner}', ${scope.userId})`);
  return null;
}

/** The literal text chunks of the SQL as written, with where each starts in the file; null when escapes make cooked and raw text differ. */
function chunks(literal: StringLiteral | TemplateLiteral, source: string): Array<{ start: number; text: string }> | null {
  if (literal.type === 'StringLiteral') {
    const raw = source.slice(literal.start! + 1, literal.end! - 1);
    return raw === literal.value ? [{ start: literal.start! + 1, text: raw }] : null;
  }
  const result = literal.quasis.map((q) => ({ start: q.start!, text: q.value.raw, cooked: q.value.cooked }));
  return result.every((q) => q.cooked === q.text) ? result : null;
}

export function scopeSql(scope: Scope, query: RecordQuery): Outcome {
  const sql = query.sql!;
  const pieces = chunks(sql.literal, scope.source);
  if (!pieces) return 'add `AND <owner> = <the signed-in user>` to this query by hand: its text has escapes';
  const statement = sqlStatement(sql.text);
  if (!statement) return 'add the owner to this query by hand';
  // The text read `${n}` for each spliced value: map the end of its WHERE clause back to the chunk, as written.
  let offset = statement.where.end;
  while (offset > statement.where.start && /\s/.test(sql.text[offset - 1]!)) offset--;
  let at = -1;
  for (let i = 0, base = 0; i < pieces.length; i++) {
    const chunkStart = base + (i === 0 ? 0 : `\${${i - 1}}`.length);
    const chunkEnd = chunkStart + pieces[i]!.text.length;
    if (offset >= chunkStart && offset <= chunkEnd) {
      at = pieces[i]!.start + offset - chunkStart;
      break;
    }
    base = chunkEnd;
  }
  if (at < 0) return 'add the owner to this query by hand';
  const column = /^[a-z_][a-z0-9_]*$/.test(scope.owner) ? scope.owner : `"${scope.owner}"`;
  const upper = /\bWHERE\b/.test(sql.text);
  const and = upper ? 'AND' : 'and';
  if (sql.placeholders === 'spliced') {
    scope.edits.insert(at, ` ${and} ${column} = \${${scope.userId}}`);
  } else {
    const numbers = [...sql.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    const next = Math.max(0, ...numbers) + 1;
    const call = query.node as CallExpression;
    const values = call.arguments[1];
    if (values?.type !== 'ArrayExpression' || values.elements.length !== next - 1)
      return 'add the owner to this query by hand: its values are not a plain array';
    scope.edits.insert(at, ` ${and} ${column} = $${next}`);
    const lastValue = values.elements[values.elements.length - 1]!;
    scope.edits.insert(lastValue.end!, `, ${scope.userId}`);
  }
  if (query.action === 'read') return null;
  return guardCount(scope, sql.placeholders === 'spliced' ? 'count' : 'rowCount', query.node);
}
