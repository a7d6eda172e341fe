import path from 'node:path';
import type { Node } from '@babel/types';
import { memberName, propertyName } from '../engine/ast.ts';
import { parseSource } from '../engine/parse.ts';
import { mergeVisitors, walk } from '../engine/walk.ts';
import { readTextFile } from '../project/files.ts';
import { isSourceFile } from '../project/load-project.ts';
import type { Project } from '../project/types.ts';
import type { Visitors } from '../types.ts';
import { findTable, type SchemaModel, type Table } from './model.ts';

/** A place where the code reads rows by columns: a single-row lookup, or a filter over many rows. */
export interface ColumnUse {
  use: 'lookup' | 'filter';
  via: 'prisma' | 'supabase';
  /** The supabase-js table name, or the Prisma model accessor (`prisma.user` → `user`). */
  target: string;
  /** Column names for supabase-js, field names for Prisma. */
  columns: string[];
  file: string;
  line: number;
  column: number;
}

const PRISMA_LOOKUPS = new Set(['findUnique', 'findUniqueOrThrow', 'update', 'delete', 'upsert']);
const PRISMA_FILTERS = new Set(['findMany', 'findFirst', 'findFirstOrThrow', 'count', 'updateMany', 'deleteMany', 'aggregate', 'groupBy']);
const SUPABASE_FILTERS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'in', 'is', 'contains', 'containedBy', 'match']);
const PRISMA_OPERATORS = new Set(['AND', 'OR', 'NOT']);

export const CODE_FACT_PREFILTER = ['.from(', 'findUnique', 'findMany', 'findFirst', '.update(', '.delete(', 'upsert', 'count('];

function stringArg(node: Node | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

function objectArg(node: Node | undefined): Extract<Node, { type: 'ObjectExpression' }> | null {
  return node?.type === 'ObjectExpression' ? node : null;
}

/** Field names a Prisma `where` compares on: `{ email }`, `{ a_b: { a, b } }` (a compound unique). */
function whereFields(where: Extract<Node, { type: 'ObjectExpression' }>, compound: boolean): string[] {
  const fields: string[] = [];
  for (const property of where.properties) {
    const name = propertyName(property);
    if (!name || PRISMA_OPERATORS.has(name)) continue;
    const value = property.type === 'ObjectProperty' ? property.value : null;
    if (compound && name.includes('_') && value?.type === 'ObjectExpression') {
      fields.push(...value.properties.map(propertyName).filter((n): n is string => n !== null));
    } else fields.push(name);
  }
  return fields;
}

function isOutermostCall(ancestors: readonly Node[], node: Node): boolean {
  const parent = ancestors.at(-1);
  const grand = ancestors.at(-2);
  return !(
    parent &&
    (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
    parent.object === node &&
    grand &&
    (grand.type === 'CallExpression' || grand.type === 'OptionalCallExpression')
  );
}

/** Visitors that record where the code looks rows up and filters them, through Prisma and supabase-js. */
export function columnUseVisitors(file: string, record: (use: ColumnUse) => void): Visitors {
  const at = (node: Node) => ({ file, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  const onCall = (node: Node, ancestors: readonly Node[]) => {
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return;
    const method = memberName(node.callee);
    if (!method) return;
    const receiver = (node.callee as { object: Node }).object;
    // Prisma: `<client>.<model>.<method>({ where })`.
    if (
      (PRISMA_LOOKUPS.has(method) || PRISMA_FILTERS.has(method)) &&
      (receiver.type === 'MemberExpression' || receiver.type === 'OptionalMemberExpression')
    ) {
      const model = memberName(receiver);
      const where = objectArg(node.arguments[0] as Node | undefined)?.properties.find((p) => propertyName(p) === 'where');
      const value = where?.type === 'ObjectProperty' ? objectArg(where.value as Node) : null;
      if (model && value) {
        const lookup = PRISMA_LOOKUPS.has(method);
        const columns = whereFields(value, lookup);
        if (columns.length > 0) record({ use: lookup ? 'lookup' : 'filter', via: 'prisma', target: model, columns, ...at(node) });
        return;
      }
    }
    // supabase-js: the outermost call of a `.from(table)…` chain.
    if (!isOutermostCall(ancestors, node)) return;
    let table: string | null = null;
    const filters: string[] = [];
    let single = method === 'single' || method === 'maybeSingle';
    for (let current: Node = node; current.type === 'CallExpression' || current.type === 'OptionalCallExpression';) {
      const name = memberName(current.callee);
      if (!name) break;
      if (name === 'from') {
        table = stringArg(current.arguments[0] as Node | undefined);
        break;
      }
      if (name === 'single' || name === 'maybeSingle') single = true;
      if (SUPABASE_FILTERS.has(name)) {
        const column = stringArg(current.arguments[0] as Node | undefined);
        if (column) filters.push(column);
        if (name === 'match') {
          const object = objectArg(current.arguments[0] as Node | undefined);
          if (object) filters.push(...object.properties.map(propertyName).filter((n): n is string => n !== null));
        }
      }
      current = (current.callee as { object: Node }).object;
    }
    if (!table || filters.length === 0) return;
    const eqs = filters.reverse();
    record({ use: single ? 'lookup' : 'filter', via: 'supabase', target: table, columns: [...new Set(eqs)], ...at(node) });
  };
  return { CallExpression: onCall, OptionalCallExpression: onCall };
}

/** Every lookup and filter in the project's sources (for commands; checks get the same facts through the shared scan). */
export function collectColumnUses(project: Project): ColumnUse[] {
  const uses: ColumnUse[] = [];
  for (const file of project.files) {
    if (!isSourceFile(file)) continue;
    const read = readTextFile(path.join(project.root, file));
    if (!read.ok || !CODE_FACT_PREFILTER.some((needle) => read.text.includes(needle))) continue;
    let ast;
    try {
      ast = parseSource(file, read.text);
    } catch {
      continue;
    }
    walk(ast, mergeVisitors([columnUseVisitors(file, (use) => uses.push(use))]));
  }
  return uses;
}

/** The table and column names a use refers to, when the schema knows them. */
export function resolveUse(schema: SchemaModel, use: ColumnUse): { table: Table; columns: string[] } | null {
  if (use.via === 'supabase') {
    const [schemaName, name] = use.target.includes('.') ? (use.target.split('.', 2) as [string, string]) : ['public', use.target];
    const table = findTable(schema, schemaName, name);
    if (!table || !use.columns.every((c) => table.columns.some((col) => col.name === c))) return null;
    return { table, columns: use.columns };
  }
  const table = schema.tables.find((t) => t.model !== undefined && t.model.charAt(0).toLowerCase() + t.model.slice(1) === use.target);
  if (!table?.fields) return null;
  const columns = use.columns.map((f) => table.fields![f]);
  if (columns.some((c) => c === undefined)) return null;
  return { table, columns: columns as string[] };
}
