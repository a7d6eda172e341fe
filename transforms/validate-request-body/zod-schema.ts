import { isPrivilegedColumn } from '../../src/analysis/request-body.ts';
import { primaryKey, type Column, type SchemaModel, type Table } from '../../src/sql/model.ts';
import { ownerColumn } from '../../src/sql/ownership.ts';

const TIMESTAMP_NAME = /^(created|updated|deleted|modified|inserted)_?(at|on|date)$/i;

/** The enums schema.prisma declares, by name: `enum Role { USER ADMIN }` → Role → [USER, ADMIN]. */
export function prismaEnums(schemaText: string): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const match of schemaText.matchAll(/^\s*enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const values = match[2]!
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, '').trim())
      .map((line) => /^(\w+)/.exec(line)?.[1])
      .filter((value): value is string => value !== undefined);
    enums.set(match[1]!, values);
  }
  return enums;
}

/** The zod type of a column's values, by its SQL type (Prisma scalars arrive as their PostgreSQL types). */
function zodType(type: string, enums: ReadonlyMap<string, string[]>): string {
  if (type.endsWith('[]')) return `z.array(${zodType(type.slice(0, -2), enums)})`;
  const values = enums.get(type);
  if (values && values.length > 0) return `z.enum([${values.map((value) => `'${value}'`).join(', ')}])`;
  const base = type.toLowerCase().replace(/\(.*$/, '').trim();
  if (/^(text|character varying|varchar|character|char|citext|uuid|bpchar|name)$/.test(base)) return 'z.string()';
  if (/^(integer|int|int2|int4|int8|smallint|bigint|serial|bigserial|smallserial)$/.test(base)) return 'z.number().int()';
  if (/^(numeric|decimal|real|double precision|float4|float8|money)$/.test(base)) return 'z.number()';
  if (/^(boolean|bool)$/.test(base)) return 'z.boolean()';
  if (/^(timestamp|timestamptz|date|time)/.test(base)) return 'z.coerce.date()';
  return 'z.unknown()';
}

export interface InputField {
  /** The name the code writes: the Prisma field, or the column. */
  name: string;
  zod: string;
}

/**
 * The columns a user may set on a row of the table, with their zod types: every column but the
 * primary key, the owner, timestamps, and the privileged ones (roles, money, billing, verification).
 */
export function inputFields(schema: SchemaModel, table: Table, enums: ReadonlyMap<string, string[]>): InputField[] {
  const key = new Set(primaryKey(table)?.columns ?? []);
  const owner = ownerColumn(schema, table);
  const fieldOf = new Map(Object.entries(table.fields ?? {}).map(([field, column]) => [column, field]));
  const settable = (column: Column) =>
    !key.has(column.name) && column.name !== owner && !TIMESTAMP_NAME.test(column.name) && !isPrivilegedColumn(column.name);
  return table.columns.filter(settable).map((column) => {
    const type = zodType(column.type, enums);
    // A Prisma list with no value is an empty list.
    const modifier = column.nullable ? '.nullish()' : column.default !== null || column.type.endsWith('[]') ? '.optional()' : '';
    return { name: fieldOf.get(column.name) ?? column.name, zod: `${type}${modifier}` };
  });
}

/** `const PostInput = z.object({ … });`, one field a line. */
export function schemaDeclaration(name: string, fields: readonly InputField[], indent: string): string {
  const key = (field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? field : `'${field}'`);
  return [`const ${name} = z.object({`, ...fields.map((field) => `${indent}${key(field.name)}: ${field.zod},`), '});'].join('\n');
}
