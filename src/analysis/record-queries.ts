import type { CallExpression, Node, ObjectExpression, ObjectProperty, StringLiteral, TemplateLiteral } from '@babel/types';
import { memberName, propertyName } from '../engine/ast.ts';
import { walk } from '../engine/walk.ts';

export type RecordShape = 'prisma' | 'supabase' | 'sql';
export type RecordAction = 'read' | 'update' | 'delete';

/** A column (supabase-js, SQL) or field (Prisma) compared with `=` to a value, ANDed with the rest of the filter. */
export interface Comparison {
  column: string;
  value: Node;
}

/**
 * One query that reads, updates or deletes the record(s) its filter picks out: the unit an
 * ownership check is about. `values` holds every value the filter compares with anything, nested
 * relation filters included, so a filter that reaches the signed-in user through a membership is seen.
 */
export interface RecordQuery {
  shape: RecordShape;
  action: RecordAction;
  /** The Prisma model accessor (`prisma.post` → `post`) or the table name. */
  target: string;
  /** The whole query: the Prisma call, the outermost call of a supabase-js chain, the SQL call or tagged template. */
  node: Node;
  comparisons: Comparison[];
  values: Node[];
  /** Prisma: the method called and the `where` object. */
  method?: string;
  where?: ObjectExpression;
  /** supabase-js: the `.eq()` calls of the chain, and whether its client is a service-role one. */
  eqCalls?: CallExpression[];
  serviceRole?: boolean;
  /** SQL: the literal holding the text, the text, and how its values are written. */
  sql?: { literal: StringLiteral | TemplateLiteral; text: string; placeholders: 'numbered' | 'spliced'; parameters: Node[] };
}

const PRISMA_ACTIONS: Record<string, RecordAction> = {
  findUnique: 'read',
  findUniqueOrThrow: 'read',
  findFirst: 'read',
  findFirstOrThrow: 'read',
  update: 'update',
  upsert: 'update',
  delete: 'delete',
};

const TRANSPARENT = new Set([
  'AwaitExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
]);

export function unwrapValue(node: Node): Node {
  let current = node;
  while (TRANSPARENT.has(current.type))
    current = (current as { expression?: Node; argument?: Node }).expression ?? (current as { argument: Node }).argument;
  return current;
}

function objectProperty(object: ObjectExpression, name: string): ObjectProperty | undefined {
  return object.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === name);
}

const PRISMA_OPERATORS =
  /^(AND|OR|NOT|some|every|none|is|isNot|in|notIn|not|lt|lte|gt|gte|contains|startsWith|endsWith|mode|has|hasSome|hasEvery)$/;

/** Equalities of a Prisma `where`: its plain fields, `{ equals }`, `AND` branches, and a compound key's parts (`id_userId: { id, userId }`). */
function prismaComparisons(where: ObjectExpression, into: Comparison[], values: Node[]): void {
  for (const property of where.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const field = propertyName(property);
    const value = property.value as Node;
    collectValues(value, values);
    if (!field) continue;
    if (field === 'AND' && value.type === 'ArrayExpression') {
      for (const element of value.elements) if (element?.type === 'ObjectExpression') prismaComparisons(element, into, []);
      continue;
    }
    if (PRISMA_OPERATORS.test(field)) continue;
    if (value.type === 'ObjectExpression') {
      const equals = objectProperty(value, 'equals');
      if (equals) into.push({ column: field, value: equals.value as Node });
      else if (value.properties.every((p) => p.type === 'ObjectProperty' && !PRISMA_OPERATORS.test(propertyName(p) ?? '')))
        prismaComparisons(value, into, []);
      continue;
    }
    into.push({ column: field, value });
  }
}

/** Every value a filter compares with something, however deep (relation filters, `OR`, `some`). */
function collectValues(node: Node, into: Node[]): void {
  if (node.type === 'ObjectExpression') {
    for (const p of node.properties) if (p.type === 'ObjectProperty') collectValues(p.value as Node, into);
  } else if (node.type === 'ArrayExpression') {
    for (const e of node.elements) if (e && e.type !== 'SpreadElement') collectValues(e, into);
  } else into.push(node);
}

function prismaQuery(call: CallExpression): RecordQuery | null {
  const method = memberName(call.callee);
  const action = method ? PRISMA_ACTIONS[method] : undefined;
  if (!action) return null;
  const model = (call.callee as { object: Node }).object;
  const target = memberName(model);
  const [args] = call.arguments;
  if (!target || args?.type !== 'ObjectExpression') return null;
  const where = objectProperty(args, 'where');
  if (where?.value.type !== 'ObjectExpression') return null;
  const comparisons: Comparison[] = [];
  const values: Node[] = [];
  prismaComparisons(where.value, comparisons, values);
  return { shape: 'prisma', action, target, node: call, comparisons, values, method: method!, where: where.value };
}

const SERVICE_CLIENT = /service_?role|serviceRole|SERVICE_ROLE|SUPABASE_SECRET|secret_?key|SECRET_KEY|admin|Admin/;

/** Whether a supabase-js chain starts from a service-role client: by its name, or by the key its local binding was created with. */
function isServiceClient(receiver: Node, program: Node | null, source: string | null): boolean {
  let root = unwrapValue(receiver);
  while (root.type === 'CallExpression' || root.type === 'MemberExpression')
    root = unwrapValue(root.type === 'CallExpression' ? root.callee : root.object);
  if (root.type !== 'Identifier') return false;
  if (SERVICE_CLIENT.test(root.name)) return true;
  if (!program || source === null) return false;
  let created = false;
  const name = root.name;
  walk(
    program,
    new Map([
      [
        'VariableDeclarator',
        [
          (node: Node) => {
            if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === name && node.init)
              created ||= SERVICE_CLIENT.test(source.slice(node.init.start!, node.init.end!));
          },
        ],
      ],
    ]),
  );
  return created;
}

/** The chain of calls above `.from(table)`: each call whose callee is a member of the one below. */
function chainAbove(from: CallExpression, ancestors: readonly Node[]): CallExpression[] {
  const chain: CallExpression[] = [from];
  let current: Node = from;
  for (let i = ancestors.length - 1; i >= 1; i--) {
    const member = ancestors[i]!;
    const call = ancestors[i - 1]!;
    if (member.type !== 'MemberExpression' || member.object !== current || call.type !== 'CallExpression' || call.callee !== member) break;
    chain.push(call);
    current = call;
    i--;
  }
  return chain;
}

function supabaseQuery(from: CallExpression, ancestors: readonly Node[], program: Node | null, source: string | null): RecordQuery | null {
  if (memberName(from.callee) !== 'from') return null;
  const [table] = from.arguments;
  if (table?.type !== 'StringLiteral') return null;
  const chain = chainAbove(from, ancestors);
  const methods = chain.slice(1).map((call) => memberName(call.callee));
  const action: RecordAction | null = methods.includes('delete')
    ? 'delete'
    : methods.includes('update') || methods.includes('upsert')
      ? 'update'
      : methods.includes('select') && (methods.includes('single') || methods.includes('maybeSingle'))
        ? 'read'
        : null;
  if (!action || methods.includes('insert')) return null;
  const comparisons: Comparison[] = [];
  const values: Node[] = [];
  const eqCalls: CallExpression[] = [];
  for (const call of chain.slice(1)) {
    const method = memberName(call.callee);
    const [column, value] = call.arguments;
    if (
      method === 'eq' &&
      column?.type === 'StringLiteral' &&
      value &&
      value.type !== 'SpreadElement' &&
      value.type !== 'ArgumentPlaceholder'
    ) {
      comparisons.push({ column: column.value, value });
      eqCalls.push(call);
    } else if (method === 'match' && column?.type === 'ObjectExpression') {
      for (const p of column.properties)
        if (p.type === 'ObjectProperty' && propertyName(p)) comparisons.push({ column: propertyName(p)!, value: p.value as Node });
    }
    for (const argument of call.arguments)
      if (argument.type !== 'StringLiteral' && argument.type !== 'SpreadElement') collectValues(argument as Node, values);
  }
  const receiver = (from.callee as { object: Node }).object;
  return {
    shape: 'supabase',
    action,
    target: table.value,
    node: chain[chain.length - 1]!,
    comparisons,
    values,
    eqCalls,
    serviceRole: isServiceClient(receiver, program, source),
  };
}

const IDENTIFIER = String.raw`"?([A-Za-z_][\w$]*)"?`;
const QUALIFIED = String.raw`(?:"?[\w$]+"?\.)?${IDENTIFIER}`;
/** Where a WHERE clause ends: the clauses that may follow it, a statement end, or the text's end. */
export const WHERE_END = /\b(order\s+by|group\s+by|limit|offset|returning|for\s+update)\b|;|$/i;

/** The statement a SQL text runs against one table, and its WHERE clause; null for joins, sub-queries and other shapes. */
export function sqlStatement(text: string): { action: RecordAction; table: string; where: { start: number; end: number } } | null {
  const head =
    new RegExp(String.raw`^\s*select\b[\s\S]*?\bfrom\s+${QUALIFIED}`, 'i').exec(text) ??
    new RegExp(String.raw`^\s*update\s+${QUALIFIED}\s+set\b`, 'i').exec(text) ??
    new RegExp(String.raw`^\s*delete\s+from\s+${QUALIFIED}`, 'i').exec(text);
  if (!head) return null;
  if (/\bjoin\b|\(\s*select\b|\bunion\b/i.test(text)) return null;
  const action: RecordAction = /^\s*select/i.test(text) ? 'read' : /^\s*update/i.test(text) ? 'update' : 'delete';
  const whereMatch = /\bwhere\b/i.exec(text);
  if (!whereMatch) return null;
  const start = whereMatch.index + whereMatch[0].length;
  const end = start + WHERE_END.exec(text.slice(start))!.index;
  return { action, table: head[1]!, where: { start, end } };
}

/** The `column = <placeholder>` equalities of a WHERE clause made only of ANDs; null when it has an OR at its top. */
function sqlComparisons(where: string, parameterAt: (placeholder: string, offset: number) => Node | undefined): Comparison[] | null {
  if (/\bor\b/i.test(where)) return null;
  const comparisons: Comparison[] = [];
  for (const match of where.matchAll(new RegExp(String.raw`${QUALIFIED}\s*=\s*(\$\d+|\$\{\d+\})`, 'g'))) {
    const value = parameterAt(match[2]!, match.index!);
    if (value) comparisons.push({ column: match[1]!, value });
  }
  return comparisons;
}

function sqlQuery(node: Node): RecordQuery | null {
  let literal: StringLiteral | TemplateLiteral | null = null;
  let parameters: Node[] = [];
  let placeholders: 'numbered' | 'spliced' = 'numbered';
  if (node.type === 'TaggedTemplateExpression') {
    const tag = node.tag.type === 'Identifier' ? node.tag.name : memberName(node.tag);
    if (tag !== 'sql') return null;
    literal = node.quasi;
    parameters = node.quasi.expressions as Node[];
    placeholders = 'spliced';
  } else if (node.type === 'CallExpression') {
    const method = memberName(node.callee);
    if (method !== 'query' && method !== 'execute') return null;
    const [text, values] = node.arguments;
    if (text?.type === 'StringLiteral' || (text?.type === 'TemplateLiteral' && text.expressions.length === 0)) literal = text;
    parameters =
      values?.type === 'ArrayExpression'
        ? values.elements.filter((e): e is NonNullable<typeof e> => e !== null && e.type !== 'SpreadElement')
        : [];
  }
  if (!literal) return null;
  // Spliced values read `${n}` here, so offsets in the text map back to the value they stand for.
  const text =
    literal.type === 'StringLiteral'
      ? literal.value
      : literal.quasis.map((q, i) => (i === 0 ? '' : `\${${i - 1}}`) + (q.value.cooked ?? q.value.raw)).join('');
  const statement = sqlStatement(text);
  if (!statement) return null;
  const where = text.slice(statement.where.start, statement.where.end);
  const comparisons = sqlComparisons(where, (placeholder) => {
    const index = placeholder.startsWith('${') ? Number(placeholder.slice(2, -1)) : Number(placeholder.slice(1)) - 1;
    return parameters[index];
  });
  if (!comparisons) return null;
  return {
    shape: 'sql',
    action: statement.action,
    target: statement.table,
    node,
    comparisons,
    values: parameters,
    sql: { literal, text, placeholders, parameters },
  };
}

/**
 * The record query a node is, if any: a Prisma single-record call, a supabase-js chain (the node is
 * its `.from()` call), or SQL through `query()`/`execute()` or a `sql` template. `program` and
 * `source` let a supabase-js client be traced to the key it was created with.
 */
export function recordQuery(
  node: Node,
  ancestors: readonly Node[],
  program: Node | null = null,
  source: string | null = null,
): RecordQuery | null {
  if (node.type === 'TaggedTemplateExpression') return sqlQuery(node);
  if (node.type !== 'CallExpression') return null;
  return prismaQuery(node) ?? supabaseQuery(node, ancestors, program, source) ?? sqlQuery(node);
}
