import type { Attribute, BlockAttribute, Field, Model, Value } from '@mrleebo/prisma-ast';
import { prismaAst } from '../analysis/prisma-schema-parser.ts';
import type { Column, Constraint, SchemaModel, SourceLoc, Table } from './model.ts';

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const NATIVE_TYPES: Record<string, string> = {
  Uuid: 'uuid',
  Text: 'text',
  VarChar: 'character varying',
  Timestamptz: 'timestamp with time zone',
  Timestamp: 'timestamp without time zone',
  Integer: 'integer',
  BigInt: 'bigint',
  SmallInt: 'smallint',
  Boolean: 'boolean',
  JsonB: 'jsonb',
  Json: 'json',
  Date: 'date',
};

function stringValue(value: Value | undefined): string | null {
  if (typeof value !== 'string') return null;
  return value.replace(/^"(.*)"$/, '$1');
}

function arrayValues(value: Value | undefined): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value) && value.type === 'array') {
    return value.args.map((arg) =>
      typeof arg === 'string'
        ? arg
        : typeof arg === 'object' && arg && !Array.isArray(arg) && arg.type === 'function'
          ? arg.name
          : String(arg),
    );
  }
  return [];
}

/** Positional or named argument of an attribute. */
function argument(attribute: Attribute | BlockAttribute, name: string | null, position = 0): Value | undefined {
  const args = attribute.args ?? [];
  if (name) {
    for (const arg of args) {
      const v = arg.value;
      if (v && typeof v === 'object' && !Array.isArray(v) && v.type === 'keyValue' && v.key === name) return v.value;
    }
  }
  const positional = args.filter(
    (arg) => !(arg.value && typeof arg.value === 'object' && !Array.isArray(arg.value) && arg.value.type === 'keyValue'),
  );
  return positional[position]?.value as Value | undefined;
}

function attributeName(attribute: Attribute | BlockAttribute): string {
  return attribute.group ? `${attribute.group}.${attribute.name}` : attribute.name;
}

/** Reads schema.prisma into the model: each model a table, each relation with `fields` a foreign key. */
export function readPrismaSchema(schema: SchemaModel, file: string, text: string): void {
  schema.files.push(file);
  let parsed;
  try {
    parsed = prismaAst().getSchema(text);
  } catch (error) {
    const line = (error as { token?: { startLine?: number } }).token?.startLine ?? 1;
    schema.problems.push({
      kind: 'parse',
      file,
      line,
      message: `${file}:${line} does not parse: ${(error as Error).message.split('\n')[0]}`,
    });
    return;
  }
  const models = parsed.list.filter((block): block is Model => block.type === 'model');
  const enums = new Set(parsed.list.filter((block) => block.type === 'enum').map((block) => (block as { name: string }).name));
  const modelNames = new Set(models.map((m) => m.name));
  const loc = (node: { location?: { startLine?: number } } | undefined): SourceLoc => ({ file, line: node?.location?.startLine ?? 1 });

  const tableName = (model: Model) => {
    for (const property of model.properties) {
      if (property.type === 'attribute' && property.name === 'map') return stringValue(argument(property, 'name')) ?? model.name;
    }
    return model.name;
  };
  const tables = new Map<string, Table>();

  for (const model of models) {
    const table: Table = {
      schema: 'public',
      name: tableName(model),
      columns: [],
      constraints: [],
      rls: { enabled: false, forced: false, loc: null },
      policies: [],
      grants: [],
      model: model.name,
      fields: {},
      loc: loc(model),
    };
    const fields = model.properties.filter((p): p is Field => p.type === 'field');
    for (const field of fields) {
      const mapped = field.attributes?.find((a) => a.name === 'map');
      table.fields![field.name] = (mapped && stringValue(argument(mapped, 'name'))) || field.name;
    }
    const column = (fieldName: string) => table.fields![fieldName] ?? fieldName;
    for (const field of fields) {
      const typeName = typeof field.fieldType === 'string' ? field.fieldType : field.fieldType.name;
      if (modelNames.has(typeName)) {
        const relation = field.attributes?.find((a) => a.name === 'relation');
        const from = relation ? arrayValues(argument(relation, 'fields')) : [];
        if (relation && from.length > 0) {
          const target = models.find((m) => m.name === typeName)!;
          const targetFields = target.properties.filter((p): p is Field => p.type === 'field');
          const targetColumn = (name: string) => {
            const f = targetFields.find((t) => t.name === name);
            const m = f?.attributes?.find((a) => a.name === 'map');
            return (m && stringValue(argument(m, 'name'))) || name;
          };
          const onDelete = relation ? argument(relation, 'onDelete') : undefined;
          table.constraints.push({
            name: null,
            kind: 'foreign',
            columns: from.map(column),
            references: {
              schema: 'public',
              table: tableName(target),
              columns: arrayValues(argument(relation, 'references')).map(targetColumn),
              onDelete: typeof onDelete === 'string' ? onDelete.toLowerCase() : null,
            },
            notValid: false,
            loc: loc(field),
          });
        }
        continue;
      }
      const native = field.attributes?.find((a) => a.group === 'db');
      const type = native
        ? (NATIVE_TYPES[native.name] ?? native.name.toLowerCase())
        : enums.has(typeName)
          ? typeName
          : (SCALAR_TYPES[typeName] ?? typeName.toLowerCase());
      const defaultAttr = field.attributes?.find((a) => a.name === 'default');
      const defaultValue = defaultAttr ? argument(defaultAttr, null) : undefined;
      const entry: Column = {
        name: column(field.name),
        type: field.array ? `${type}[]` : type,
        nullable: Boolean(field.optional),
        default: defaultAttr
          ? typeof defaultValue === 'object' && defaultValue && !Array.isArray(defaultValue) && defaultValue.type === 'function'
            ? `${defaultValue.name}()`
            : String(defaultValue)
          : field.attributes?.some((a) => a.name === 'updatedAt')
            ? 'now()'
            : null,
        loc: loc(field),
      };
      table.columns.push(entry);
      for (const attribute of field.attributes ?? []) {
        const name = attributeName(attribute);
        if (name === 'id' || name === 'unique') {
          const constraint: Constraint = {
            name: stringValue(argument(attribute, 'map')),
            kind: name === 'id' ? 'primary' : 'unique',
            columns: [entry.name],
            notValid: false,
            loc: loc(field),
          };
          table.constraints.push(constraint);
          if (name === 'id') entry.nullable = false;
        }
      }
    }
    for (const property of model.properties) {
      if (property.type !== 'attribute') continue;
      const columns = arrayValues(argument(property, 'fields')).map(column);
      const name = stringValue(argument(property, 'map')) ?? stringValue(argument(property, 'name'));
      if (property.name === 'id') table.constraints.push({ name, kind: 'primary', columns, notValid: false, loc: loc(property) });
      else if (property.name === 'unique') table.constraints.push({ name, kind: 'unique', columns, notValid: false, loc: loc(property) });
      else if (property.name === 'index')
        schema.indexes.push({ name, schema: 'public', table: table.name, columns, unique: false, partial: false, loc: loc(property) });
    }
    tables.set(model.name, table);
    schema.tables.push(table);
  }
}
