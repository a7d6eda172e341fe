import type { CallExpression, Node, ObjectExpression } from '@babel/types';
import { memberName, propertyName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { findTable, type SchemaModel, type Table } from '../sql/model.ts';
import { ownerColumn } from '../sql/ownership.ts';
import type { RequestHandler } from './request-handlers.ts';

/** A create or update whose values come from one expression: `create({ data: x })`, `.insert(x)`. */
export interface RowWrite {
  via: 'prisma' | 'supabase';
  /** The Prisma model accessor (`prisma.user` → `user`) or the supabase-js table name. */
  target: string;
  /** How the code names it: `prisma.user.create`, `from('profiles').insert`. */
  label: string;
  /** The expression holding the values. */
  value: Node;
}

const PRISMA_WRITES: Record<string, string[]> = {
  create: ['data'],
  createMany: ['data'],
  update: ['data'],
  updateMany: ['data'],
  upsert: ['create', 'update'],
};
const SUPABASE_WRITES = new Set(['insert', 'update', 'upsert']);
/** Calls that check a value against a schema: zod, valibot, yup, joi, superstruct, ajv. */
const SCHEMA_CHECKS = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'safeParseAsync',
  'validate',
  'validateSync',
  'validateAsync',
  'isValid',
  'isValidSync',
  'assert',
]);

export function unwrap(node: Node): Node {
  let current = node;
  while (
    current.type === 'AwaitExpression' ||
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'ParenthesizedExpression'
  )
    current = current.type === 'AwaitExpression' ? current.argument! : current.expression;
  return current;
}

function objectArgument(node: Node | undefined): ObjectExpression | null {
  return node?.type === 'ObjectExpression' ? node : null;
}

function stringArgument(node: Node | undefined): string | null {
  if (node?.type === 'StringLiteral') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The `.from('table')` a supabase-js chain starts from. */
function supabaseTable(node: Node): string | null {
  for (let current: Node = node; current.type === 'CallExpression' || current.type === 'OptionalCallExpression';) {
    if (memberName(current.callee) === 'from') return stringArgument(current.arguments[0] as Node | undefined);
    if (current.callee.type !== 'MemberExpression' && current.callee.type !== 'OptionalMemberExpression') return null;
    current = current.callee.object;
  }
  return null;
}

/** The rows a call writes, with the expressions their values come from. */
export function rowWrites(call: CallExpression): RowWrite[] {
  const method = memberName(call.callee);
  if (!method || call.callee.type !== 'MemberExpression') return [];
  const receiver = call.callee.object;
  const keys = PRISMA_WRITES[method];
  if (keys && receiver.type === 'MemberExpression') {
    const model = memberName(receiver);
    const options = objectArgument(call.arguments[0] as Node | undefined);
    if (!model || !options) return [];
    return options.properties.flatMap((property) => {
      const name = propertyName(property);
      if (!name || !keys.includes(name) || property.type !== 'ObjectProperty') return [];
      return [{ via: 'prisma' as const, target: model, label: `${model}.${method}`, value: property.value as Node }];
    });
  }
  if (SUPABASE_WRITES.has(method)) {
    const table = supabaseTable(receiver);
    const value = call.arguments[0] as Node | undefined;
    if (table && value) return [{ via: 'supabase', target: table, label: `from('${table}').${method}`, value }];
  }
  return [];
}

/**
 * The handler's local names that hold the whole request body (or a server action's whole argument)
 * rather than fields picked from it: `const body = await req.json()`, `const { body } = req`,
 * `const data = Object.fromEntries(formData)`, `const { id, ...rest } = body`.
 */
export function wholeBodyNames(handler: RequestHandler): Set<string> {
  const names = new Set<string>();
  if (handler.kind === 'server-action') {
    for (const param of handler.fn.params) {
      const name =
        param.type === 'Identifier'
          ? param.name
          : param.type === 'AssignmentPattern' && param.left.type === 'Identifier'
            ? param.left.name
            : null;
      if (name) names.add(name);
    }
  }
  for (let pass = 0; pass < 2; pass++) {
    forEachNode(handler.fn.body, (node) => {
      if (node.type !== 'VariableDeclarator' || !node.init) return;
      if (node.id.type === 'Identifier' && isWholeBody(node.init, handler, names)) names.add(node.id.name);
      if (node.id.type !== 'ObjectPattern') return;
      const init = unwrap(node.init);
      for (const property of node.id.properties) {
        if (property.type === 'RestElement' && property.argument.type === 'Identifier' && isWholeBody(node.init, handler, names))
          names.add(property.argument.name);
        if (
          property.type === 'ObjectProperty' &&
          propertyName(property) === 'body' &&
          property.value.type === 'Identifier' &&
          init.type === 'Identifier' &&
          init.name === handler.request
        )
          names.add(property.value.name);
      }
    });
  }
  return names;
}

/** The expression is the whole body: `req.body`, `await request.json()`, a name holding it, `Object.fromEntries(form)`. */
export function isWholeBody(node: Node, handler: RequestHandler, names: ReadonlySet<string>): boolean {
  const value = unwrap(node);
  // `request.json()` not awaited is a promise, whose spread or write carries none of the body's fields.
  const awaited = value !== node && containsAwait(node, value);
  if (value.type === 'Identifier') return names.has(value.name);
  if (value.type === 'MemberExpression' && value.object.type === 'Identifier' && value.object.name === handler.request)
    return memberName(value) === 'body';
  if (value.type !== 'CallExpression') return false;
  const callee = value.callee;
  if (callee.type !== 'MemberExpression') return false;
  const method = memberName(callee);
  if (callee.object.type === 'Identifier' && callee.object.name === handler.request) return method === 'json' && awaited;
  // Object.fromEntries(formData), Object.fromEntries(await request.formData())
  if (callee.object.type === 'Identifier' && callee.object.name === 'Object' && method === 'fromEntries') {
    const source = value.arguments[0] ? unwrap(value.arguments[0] as Node) : null;
    if (!source) return false;
    if (source.type === 'Identifier') return names.has(source.name) || handler.params.includes(source.name);
    return (
      source.type === 'CallExpression' &&
      source.callee.type === 'MemberExpression' &&
      source.callee.object.type === 'Identifier' &&
      source.callee.object.name === handler.request &&
      memberName(source.callee) === 'formData'
    );
  }
  return false;
}

function containsAwait(outer: Node, inner: Node): boolean {
  for (let current = outer; current !== inner;) {
    if (current.type === 'AwaitExpression') return true;
    const next = unwrapOnce(current);
    if (next === current) return false;
    current = next;
  }
  return false;
}

function unwrapOnce(node: Node): Node {
  if (node.type === 'AwaitExpression') return node.argument;
  if ('expression' in node && node.expression && typeof node.expression === 'object') return node.expression as Node;
  return node;
}

/** The names some call checks against a schema (`schema.parse(body)`, `parse(Schema, body)`, `schema.validate(body)`). */
export function schemaCheckedNames(handler: RequestHandler): Set<string> {
  const checked = new Set<string>();
  forEachNode(handler.fn.body, (node) => {
    if (node.type !== 'CallExpression') return;
    const name = node.callee.type === 'Identifier' ? node.callee.name : memberName(node.callee);
    if (!name || !SCHEMA_CHECKS.has(name)) return;
    for (const argument of node.arguments) {
      const value = unwrap(argument as Node);
      if (value.type === 'Identifier') checked.add(value.name);
    }
  });
  return checked;
}

/** The whole-body expression a written value passes on: itself, or an object's `...spread`. */
export function wholeBodyIn(value: Node, handler: RequestHandler, names: ReadonlySet<string>): Node | null {
  if (isWholeBody(value, handler, names)) return value;
  const object = unwrap(value);
  // `.insert([body])`: one row, the body.
  if (object.type === 'ArrayExpression')
    return object.elements.map((element) => (element ? wholeBodyIn(element, handler, names) : null)).find(Boolean) ?? null;
  if (object.type !== 'ObjectExpression') return null;
  for (const property of object.properties) {
    if (property.type === 'SpreadElement' && isWholeBody(property.argument, handler, names)) return property.argument;
  }
  return null;
}

/** The table a write goes to, when the schema knows it. */
export function writtenTable(schema: SchemaModel, write: { via: string; target: string }): Table | undefined {
  if (write.via === 'supabase') {
    const [schemaName, name] = write.target.includes('.') ? (write.target.split('.', 2) as [string, string]) : ['public', write.target];
    return findTable(schema, schemaName, name);
  }
  return schema.tables.find((t) => t.model !== undefined && t.model.charAt(0).toLowerCase() + t.model.slice(1) === write.target);
}

/** Columns no user should set on their own row: roles and flags, money, billing ids, verification, credentials. */
const PRIVILEGED =
  /^(roles?|(is_?)?(admin|staff|superuser|moderator|verified|approved|premium|pro|paid|banned)|permissions?|price|amount|total|balance|credits?|plan|tier|stripe_?\w*|subscription_?\w*|email_?verified|(hashed_?)?password(_?hash)?)$/i;

export function isPrivilegedColumn(name: string): boolean {
  return PRIVILEGED.test(name);
}

/** The columns of a table a caller could set through a whole-body write, by the name the code uses (Prisma field names). */
export function privilegedColumns(schema: SchemaModel, table: Table): string[] {
  const owner = ownerColumn(schema, table);
  const fieldOf = new Map(Object.entries(table.fields ?? {}).map(([field, column]) => [column, field]));
  return table.columns
    .filter((column) => column.name === owner || isPrivilegedColumn(column.name))
    .map((column) => fieldOf.get(column.name) ?? column.name);
}
