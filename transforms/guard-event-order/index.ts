import type { CallExpression, Node, ObjectExpression, ObjectProperty, Program, TSAsExpression } from '@babel/types';
import { memberName, propertyName } from '../../src/engine/ast.ts';
import { TextEdits } from '../../src/engine/codemod.ts';
import { parseSource } from '../../src/engine/parse.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { forEachNode } from '../../src/engine/walk.ts';
import { packageFor } from '../../src/project/packages.ts';
import type { Project } from '../../src/project/types.ts';
import { text, verifiedWebhooks, type VerifiedWebhook } from '../../src/analysis/webhook-effects.ts';
import { eventTime, guardsOrder, stateBranches, stateWrites, type EventTime, type StateWrite } from '../../src/analysis/webhook-order.ts';
import { EVENT_ORDER_COLUMN, EVENT_TIME, guardStatement, type SqlInsertion } from '../../src/sql/event-order.ts';
import { loadSqlParser } from '../../src/sql/sql-reader.ts';
import { addEventTimeField, eventTimeField, type EventTimeField } from './prisma-field.ts';
import { meta } from '../meta/guard-event-order.ts';
export { meta };

const TODO =
  'an older event can arrive after a newer one: re-fetch the object from the provider before writing it, or write only when the event is newer than the stored update time';

const CASTS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression']);

function uncast(node: Node): Node {
  let current = node;
  while (CASTS.has(current.type)) current = (current as { expression: Node }).expression;
  return current;
}

/** `event.data.object`, the object the event carried, as the event binding names it. */
function isEventObject(node: Node, source: string, event: string): boolean {
  const inner = uncast(node);
  return inner.type === 'MemberExpression' && text(source, inner).replace(/\s+/g, '') === `${event}.data.object`;
}

/** The statement a node stands in, where a note about it goes, with the node's ancestors. */
function locate(root: Node, target: Node): { statement: Node | null; ancestors: Node[] } {
  let found: { statement: Node | null; ancestors: Node[] } = { statement: null, ancestors: [] };
  forEachNode(root, (node, ancestors) => {
    if (node !== target) return;
    const statement =
      [...ancestors]
        .reverse()
        .find((a) => a.type === 'ExpressionStatement' || a.type === 'VariableDeclaration' || a.type === 'ReturnStatement') ?? null;
    found = { statement, ancestors: [...ancestors] };
  });
  return found;
}

/**
 * In each branch for a subscription event, the object the event carried becomes the subscription
 * as Stripe holds it now. The value is replaced where it is first named: a declaration's initial
 * value or an argument.
 */
function refetchInBranches(webhook: VerifiedWebhook, source: string, edits: TextEdits): Set<Node> {
  const covered = new Set<Node>();
  if (!webhook.stripeClient || !(webhook.handler as { async?: boolean }).async) return covered;
  for (const branch of stateBranches(webhook)) {
    if (!branch.onlyStateEvents) continue;
    const targets: Node[] = [];
    for (const statement of branch.statements) {
      forEachNode(statement, (node, ancestors) => {
        if (ancestors.some((a) => a.type.includes('Function') || targets.includes(a))) return;
        const parent = ancestors.at(-1);
        const named =
          (parent?.type === 'VariableDeclarator' && parent.init === node) ||
          (parent?.type === 'CallExpression' && parent.arguments.includes(node as never));
        if (named && isEventObject(node, source, webhook.event)) targets.push(node);
      });
    }
    for (const target of targets) {
      const original = text(source, target);
      const event = uncast(target);
      // A cast to the app's own type (`as unknown as SubLike`) stays on what Stripe returns, so the code after it reads the same type.
      const ownCast =
        target.type === 'TSAsExpression' && !/^Stripe\./.test(text(source, (target as TSAsExpression).typeAnnotation))
          ? source.slice(event.end!, target.end!)
          : null;
      const id = ownCast ? `${text(source, event)}.id` : CASTS.has(target.type) ? `(${original}).id` : `${original}.id`;
      const fetched = `await ${webhook.stripeClient}.subscriptions.retrieve(${id})`;
      edits.replace(target.start!, target.end!, ownCast ? `(${fetched})${ownCast}` : fetched);
    }
    if (targets.length > 0) for (const statement of branch.statements) covered.add(statement);
  }
  return covered;
}

function objectProperty(object: ObjectExpression, name: string): ObjectProperty | undefined {
  return object.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === name);
}

/** `values` with one more property: appended to an object literal in its own layout, or spread into a new one. */
function withProperty(edits: TextEdits, source: string, value: Node, property: string, owner?: ObjectProperty): void {
  if (value.type === 'ObjectExpression') return edits.appendProperty(value as never, property);
  const spread = `{ ...${text(source, value)}, ${property} }`;
  if (owner?.shorthand) edits.replace(owner.start!, owner.end!, `${propertyName(owner)}: ${spread}`);
  else edits.replace(value.start!, value.end!, spread);
}

/** supabase-js: `.update(values)` also sets the column, and `.or(…)` keeps the rows whose last event is older. */
function guardSupabase(call: CallExpression, source: string, edits: TextEdits, time: EventTime): string | null {
  const methods: string[] = [];
  let update: CallExpression | null = null;
  for (let current: Node = call; current.type === 'CallExpression' && current.callee.type === 'MemberExpression';) {
    const name = memberName(current.callee) ?? '';
    if (name === 'update') {
      update = current;
      break;
    }
    methods.push(name);
    current = current.callee.object;
  }
  if (!update) return 'a supabase-js upsert writes its row whatever the stored event time; make it an update filtered on it';
  if (methods.includes('single') || methods.includes('maybeSingle'))
    return '`.single()` fails when an older event updates no row; handle that case first';
  const values = update.arguments[0];
  if (!values || values.type === 'SpreadElement' || values.type === 'ArgumentPlaceholder') return 'the update has no values object';
  withProperty(edits, source, values, `${EVENT_ORDER_COLUMN}: ${time.iso}`);
  // PostgREST takes a value with `:` or `.` in it (every timestamp) only in double quotes.
  const filter = `.or(\`${EVENT_ORDER_COLUMN}.is.null,${EVENT_ORDER_COLUMN}.lt."\${${time.iso}}"\`)`;
  // A chain written one call a line gets the filter on a line of its own.
  const nextLink = /^[ \t]*\r?\n([ \t]*)\./.exec(source.slice(update.end!));
  edits.insert(update.end!, nextLink ? `\n${nextLink[1]}${filter}` : filter);
  return null;
}

/** Prisma: `update` becomes `updateMany`, whose `where` may filter on the event time, where nothing reads its result. */
function guardPrisma(
  call: CallExpression,
  ancestors: readonly Node[],
  source: string,
  edits: TextEdits,
  time: EventTime,
  field: EventTimeField | null,
): string | null {
  const callee = call.callee;
  const method = memberName(callee);
  if (method === 'upsert') return 'a Prisma upsert writes its row whatever the stored event time; make it an updateMany filtered on it';
  if (callee.type !== 'MemberExpression' || (method !== 'update' && method !== 'updateMany')) return 'the write is not a Prisma update';
  if (!field) return `no model of schema.prisma has the delegate \`${memberName(callee.object)}\``;
  if (method === 'update' && resultUse(ancestors) !== 'none')
    return 'the updated row is used: `updateMany`, which can filter on the event time, returns a count';
  const args = call.arguments[0];
  if (args?.type !== 'ObjectExpression') return 'the update takes no object literal';
  const where = objectProperty(args, 'where');
  const data = objectProperty(args, 'data');
  if (!where || !data) return 'the update has no `where` and `data`';
  const whereValue = where.value as Node;
  if (whereValue.type === 'ObjectExpression') {
    // A compound unique key (`userId_plan: { … }`) selects in `update` only, not in `updateMany`'s filter.
    if (
      whereValue.properties.some(
        (p) => p.type === 'ObjectProperty' && (propertyName(p) ?? '').includes('_') && p.value.type === 'ObjectExpression',
      )
    )
      return 'the update selects by a compound unique key, which `updateMany` does not take';
  }
  const older = `[{ ${field.field}: null }, { ${field.field}: { lt: ${time.date} } }]`;
  if (whereValue.type === 'ObjectExpression' && objectProperty(whereValue, 'OR')) {
    if (objectProperty(whereValue, 'AND')) return 'the update already filters with `OR` and `AND`';
    withProperty(edits, source, whereValue, `AND: [{ OR: ${older} }]`);
  } else withProperty(edits, source, whereValue, `OR: ${older}`, where);
  withProperty(edits, source, data.value as Node, `${field.field}: ${time.date}`, data);
  if (method === 'update') edits.replace(callee.property.start!, callee.property.end!, 'updateMany');
  return null;
}

/** Where each character of SQL written in code sits in the file: a string's text, or a template's pieces. */
function sqlInCode(node: Node, source: string, spliced: boolean): { sql: string; offset(at: number): number } | null {
  if (node.type === 'StringLiteral') {
    if (source.slice(node.start! + 1, node.end! - 1) !== node.value) return null;
    return { sql: node.value, offset: (at) => node.start! + 1 + at };
  }
  if (node.type !== 'TemplateLiteral') return null;
  // The file's own text of each piece (a template's raw value has its CRLF turned to LF), where it holds no escape.
  const pieces = node.quasis.map((quasi) => source.slice(quasi.start!, quasi.end!));
  if (node.quasis.some((quasi, index) => quasi.value.cooked !== pieces[index]!.replace(/\r\n?/g, '\n'))) return null;
  // In a spliced template, `$n` stands for each value: text of its own with a `$` would be taken for one.
  if (spliced && pieces.some((piece) => piece.includes('$'))) return null;
  const starts: number[] = [];
  let sql = '';
  pieces.forEach((piece, index) => {
    if (index > 0) sql += `$${index}`;
    starts.push(sql.length);
    sql += piece;
  });
  return {
    sql,
    offset(at) {
      const index = starts.findLastIndex((start, i) => start <= at && at <= start + pieces[i]!.length);
      return node.quasis[index]!.start! + (at - starts[index]!);
    },
  };
}

function insertSql(edits: TextEdits, code: { offset(at: number): number }, insertions: readonly SqlInsertion[], time: string): void {
  for (const insertion of insertions) edits.insert(code.offset(insertion.at), insertion.text.replaceAll(EVENT_TIME, time));
}

/** pg: `query(sql, values)` with the column set and filtered on, the event's time its next parameter. */
function guardPg(call: CallExpression, source: string, edits: TextEdits, time: EventTime): string | null {
  const [statement, values] = call.arguments;
  if (!statement || (statement.type === 'TemplateLiteral' && statement.expressions.length > 0))
    return 'the SQL is not one string with `$n` parameters';
  const code = sqlInCode(statement, source, false);
  if (!code) return 'the SQL is not one plain string';
  const guarded = guardStatement(code.sql);
  if ('reason' in guarded) return guarded.reason;
  if (values === undefined) {
    if (guarded.parameters > 0) return 'the parameters are not passed as an array';
    edits.insert(statement.end!, `, [${time.iso}]`);
  } else if (values.type === 'ArrayExpression' && values.elements.every((e) => e && e.type !== 'SpreadElement')) {
    if (values.elements.length !== guarded.parameters) return 'the parameters do not match the `$n` in the SQL';
    const last = values.elements.at(-1);
    if (last) edits.insert(last.end!, `, ${time.iso}`);
    else edits.replace(values.start!, values.end!, `[${time.iso}]`);
  } else return 'the parameters are not an array literal';
  insertSql(edits, code, guarded.insertions, `$${guarded.parameters + 1}`);
  return null;
}

/** postgres.js: the event's time is one more value spliced into the template. */
function guardPostgresJs(node: Node, source: string, edits: TextEdits, time: EventTime): string | null {
  if (node.type !== 'TaggedTemplateExpression') return 'the write is not a postgres.js template';
  const code = sqlInCode(node.quasi, source, true);
  if (!code) return 'the SQL template holds escapes or `$`';
  const guarded = guardStatement(code.sql);
  if ('reason' in guarded) return guarded.reason;
  insertSql(edits, code, guarded.insertions, `\${${time.iso}}`);
  return null;
}

interface Guarded {
  text: string;
  /** The Prisma fields the guarded writes set, which schema.prisma must declare. */
  prismaFields: EventTimeField[];
  /** Whether a SQL or supabase-js write now sets the column, which `shipshape sql` adds. */
  sqlColumn: boolean;
}

/** Guards the state writes of every verified webhook of a module. */
export function guardSource(file: string, source: string, project?: Project, prismaSchema: string | null = null): Guarded {
  const program: Program = parseSource(file, source).program;
  const edits = new TextEdits(source, file);
  const result: Guarded = { text: source, prismaFields: [], sqlColumn: false };
  for (const webhook of verifiedWebhooks(program, source, file, project)) {
    if (guardsOrder(webhook, program, source)) continue;
    const writes = stateWrites(webhook, program, source);
    if (writes.length === 0) continue;
    const covered = webhook.provider === 'stripe' ? refetchInBranches(webhook, source, edits) : new Set<Node>();
    const time = webhook.provider === 'stripe' ? null : eventTime(webhook, source);
    const done = new Set<Node>();
    for (const write of writes) {
      const site = write.effect.site;
      if (done.has(site) || [...covered].some((statement) => site.start! >= statement.start! && site.end! <= statement.end!)) continue;
      done.add(site);
      const { statement, ancestors } = locate(webhook.handler.body, site);
      const reason = time ? guardWrite(write, ancestors, source, edits, time, prismaSchema, result) : null;
      if (statement && (reason !== null || !time)) edits.todoAbove(statement.start!, todoFor(webhook, time, reason));
    }
  }
  if (edits.changed) result.text = edits.apply();
  return result;
}

function todoFor(webhook: VerifiedWebhook, time: EventTime | null, reason: string | null): string {
  if (webhook.provider === 'stripe') return TODO;
  const payload = webhook.provider === 'unknown' || webhook.provider === 'hmac' ? 'its payload' : `the ${webhook.provider} payload`;
  if (!time) return `${TODO} (${payload} carries no event time shipshape knows)`;
  return `an older event can arrive after a newer one: set ${EVENT_ORDER_COLUMN} to ${time.iso} and write only where it is null or older (${reason})`;
}

/**
 * What the code does with a write's result: nothing (`await write;`), only its `error`
 * (`const { error } = await …`, which a write that matched no row does not set), or more.
 */
function resultUse(ancestors: readonly Node[]): 'none' | 'error' | 'used' {
  const parent = ancestors.at(-1);
  const holder = parent?.type === 'AwaitExpression' ? ancestors.at(-2) : parent;
  if (holder?.type === 'ExpressionStatement') return 'none';
  if (
    holder?.type === 'VariableDeclarator' &&
    holder.id.type === 'ObjectPattern' &&
    holder.id.properties.every((p) => p.type === 'ObjectProperty' && propertyName(p) === 'error')
  )
    return 'error';
  return 'used';
}

/** Guards one write where its backend allows; the reason it does not otherwise. */
function guardWrite(
  write: StateWrite,
  ancestors: readonly Node[],
  source: string,
  edits: TextEdits,
  time: EventTime,
  prismaSchema: string | null,
  result: Guarded,
): string | null {
  const site = write.effect.site as Node;
  if (site.type === 'CallExpression' && site.callee.type === 'Identifier')
    return `the write is in \`${site.callee.name}\`, where the event's time is not in scope`;
  if (write.effect.operation === 'upsert' && write.effect.backend !== 'pg' && write.effect.backend !== 'postgres.js')
    return `a ${write.effect.backend === 'prisma' ? 'Prisma' : 'supabase-js'} upsert writes its row whatever the stored event time`;
  // Edits are planned on a scratch list first, so a write that cannot be guarded whole is left as it was.
  const scratch = new TextEdits(source);
  let reason: string | null;
  switch (write.effect.backend) {
    case 'supabase':
      reason = guardSupabase(site as CallExpression, source, scratch, time);
      break;
    case 'prisma': {
      const callee = (site as CallExpression).callee;
      const delegate = callee.type === 'MemberExpression' ? memberName(callee.object) : null;
      const field = prismaSchema !== null && delegate ? eventTimeField(prismaSchema, delegate) : null;
      reason = guardPrisma(site as CallExpression, ancestors, source, scratch, time, field);
      if (reason === null && field) result.prismaFields.push(field);
      break;
    }
    case 'pg':
      reason = guardPg(site as CallExpression, source, scratch, time);
      break;
    case 'postgres.js':
      reason = guardPostgresJs(site, source, scratch, time);
      break;
    default:
      reason = 'the write goes to no database shipshape knows';
  }
  if (reason !== null) return reason;
  // A guarded write skips an older event: it then writes no row, which code reading the result would take for a failure.
  const use = resultUse(ancestors);
  if ((write.effect.backend === 'pg' || write.effect.backend === 'postgres.js') && use !== 'none')
    return 'the result is read, and an older event now writes no row';
  if (write.effect.backend === 'supabase' && use === 'used') return 'the returned rows are read, and an older event now updates none';
  for (const edit of scratch.planned()) edits.replace(edit.start, edit.end, edit.text);
  if (write.effect.backend !== 'prisma') result.sqlColumn = true;
  return null;
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  await loadSqlParser();
  const files = [...new Set(findings.filter((f) => f.ruleId === 'webhook-out-of-order').map((f) => f.file))].sort();
  for (const file of files) {
    const source = changeset.read(file);
    if (source === null) continue;
    const schemaFile = packageFor(project.packages, file)?.prismaSchema;
    const schema = schemaFile ? changeset.read(schemaFile) : null;
    const guarded = guardSource(file, source, project, schema);
    if (guarded.text === source) continue;
    changeset.write(file, guarded.text);
    if (schemaFile && schema !== null && guarded.prismaFields.some((field) => field.line)) {
      const current = changeset.read(schemaFile)!;
      const models = new Map(guarded.prismaFields.map((field) => [field.model, field]));
      const edited = [...models.values()].reduce((text, field) => addEventTimeField(text, field), current);
      if (edited !== current) {
        changeset.write(schemaFile, edited);
        changeset.followUp({
          kind: 'command',
          message: `npx prisma migrate dev --name ${EVENT_ORDER_COLUMN} (adds the column guarded webhook writes keep each event's time in)`,
        });
      }
    }
    if (guarded.sqlColumn)
      changeset.followUp({
        kind: 'command',
        message: `shipshape sql: writes the migration that adds ${EVENT_ORDER_COLUMN} to the guarded tables`,
      });
  }
}
