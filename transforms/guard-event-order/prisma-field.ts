import type { Field, Model } from '@mrleebo/prisma-ast';
import { prismaAst } from '../../src/analysis/prisma-schema-parser.ts';
import { lineEndingOf } from '../../src/engine/print-style.ts';
import { EVENT_ORDER_COLUMN } from '../../src/sql/event-order.ts';

/** The event time field of the model a Prisma delegate (`prisma.subscription`) writes. */
export interface EventTimeField {
  model: string;
  /** The field's name in code. */
  field: string;
  /** The line schema.prisma gains, or null where the model has the field already. */
  line: string | null;
}

function models(schema: string): Model[] {
  try {
    return prismaAst()
      .getSchema(schema)
      .list.filter((block): block is Model => block.type === 'model');
  } catch {
    return [];
  }
}

/**
 * The field named as the model names its others: `last_event_at` among snake_case fields,
 * `lastEventAt @map("last_event_at")` where camelCase fields map to snake_case columns, and
 * `lastEventAt` where the columns keep the fields' names. Null when no model has that delegate.
 */
export function eventTimeField(schema: string, delegate: string): EventTimeField | null {
  const model = models(schema).find((m) => m.name.charAt(0).toLowerCase() + m.name.slice(1) === delegate);
  if (!model) return null;
  const fields = model.properties.filter((p): p is Field => p.type === 'field');
  const existing = fields.find((f) => /^last_?event_?at$/i.test(f.name));
  if (existing) return { model: model.name, field: existing.name, line: null };
  const snake = fields.some((f) => f.name.includes('_'));
  const mapped = fields.some((f) => f.attributes?.some((a) => a.name === 'map'));
  if (snake) return { model: model.name, field: EVENT_ORDER_COLUMN, line: `${EVENT_ORDER_COLUMN} DateTime?` };
  return {
    model: model.name,
    field: 'lastEventAt',
    line: mapped ? `lastEventAt DateTime? @map("${EVENT_ORDER_COLUMN}")` : 'lastEventAt DateTime?',
  };
}

/**
 * schema.prisma with the field added as the model's last field, in the columns its fields are
 * aligned to; the rest of the file as written.
 */
export function addEventTimeField(schema: string, field: EventTimeField): string {
  if (!field.line) return schema;
  const lines = schema.split('\n');
  const cr = lineEndingOf(schema) === '\r\n' ? '\r' : '';
  const start = lines.findIndex((line) => new RegExp(`^\\s*model\\s+${field.model}\\s*\\{`).test(line));
  if (start < 0) return schema;
  const end = lines.findIndex((line, i) => i > start && line.trim().replace(/\r$/, '') === '}');
  if (end < 0) return schema;
  const fieldLines = lines.slice(start + 1, end).filter((line) => /^\s+\w+\s+\w/.test(line) && !/^\s*(\/\/|@@)/.test(line));
  const indent = /^\s*/.exec(fieldLines[0] ?? '  ')![0];
  // Where prisma format put each column: the type after the widest name, the attributes after the widest type.
  const typeColumn = Math.max(0, ...fieldLines.map((line) => /^\s*\w+\s+/.exec(line)![0].length));
  const attributeColumn = Math.max(0, ...fieldLines.map((line) => /^\s*\w+\s+\S+\s+(?=@)/.exec(line)?.[0].length ?? 0));
  const [name, type, ...attributes] = field.line.split(' ') as [string, string, ...string[]];
  let line = `${indent}${name} `.padEnd(typeColumn, ' ') + type;
  if (attributes.length > 0) line = `${line} `.padEnd(attributeColumn, ' ') + attributes.join(' ');
  // After the last field, before a blank line and the model's `@@` attributes.
  let at = end;
  while (at - 1 > start && !/^\s+\w+\s+\w/.test(lines[at - 1]!)) at--;
  lines.splice(at, 0, line + cr);
  return lines.join('\n');
}
