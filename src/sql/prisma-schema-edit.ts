import type { SchemaModel } from './model.ts';
import type { IndexPlan } from './plan.ts';
import { lineEndingOf } from '../engine/print-style.ts';

/**
 * Adds `@@index([…])` / `@@unique([…])` to the models the index migration touches, so schema.prisma
 * says what the database has and `prisma migrate dev` sees no drift. Text is inserted before the
 * model's closing brace; the rest of the file is left as written.
 */
export function addPrismaIndexes(text: string, schema: SchemaModel, indexes: readonly IndexPlan[]): string {
  const lines = text.split('\n');
  const cr = lineEndingOf(text) === '\r\n' ? '\r' : '';
  for (const index of indexes) {
    const table = schema.tables.find((t) => t.schema === index.table.schema && t.name === index.table.name && t.model);
    if (!table?.model || !table.fields) continue;
    const fieldOf = (column: string) => Object.entries(table.fields!).find(([, col]) => col === column)?.[0];
    const fields = index.columns.map(fieldOf);
    if (fields.some((f) => f === undefined)) continue;
    const attribute = `  @@${index.unique ? 'unique' : 'index'}([${fields.join(', ')}])`;
    const start = lines.findIndex((line) => new RegExp(`^model\\s+${table.model}\\s*\\{`).test(line));
    if (start < 0) continue;
    const end = lines.findIndex((line, i) => i > start && line.trim() === '}');
    if (end < 0) continue;
    const block = lines.slice(start, end);
    if (block.some((line) => line.replace(/\s+/g, '') === attribute.replace(/\s+/g, ''))) continue;
    const previous = lines[end - 1]!.trim();
    const insert = previous === '' || previous.startsWith('@@') ? [attribute + cr] : [cr, attribute + cr];
    lines.splice(end, 0, ...insert);
  }
  return lines.join('\n');
}
