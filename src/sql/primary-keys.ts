import type { Project } from '../project/types.ts';
import { loadSchemas } from './load-schema.ts';
import { primaryKey } from './model.ts';

/**
 * The primary key of each table the schema model knows, as a query names it: `prisma:<accessor>`
 * (Prisma field names, from `@id`/`@@id`) and `table:<name>` (SQL column names).
 */
export function primaryKeysByQueryName(project: Project): Record<string, string[]> {
  const keys: Record<string, string[]> = {};
  for (const schema of loadSchemas(project)) {
    for (const table of schema.tables) {
      const columns = primaryKey(table)?.columns;
      if (!columns?.length) continue;
      if (table.schema === 'public') keys[`table:${table.name}`] = columns;
      if (table.model && table.fields) {
        const fieldOf = new Map(Object.entries(table.fields).map(([field, column]) => [column, field]));
        const fields = columns.map((column) => fieldOf.get(column));
        if (fields.every((field) => field !== undefined))
          keys[`prisma:${table.model.charAt(0).toLowerCase()}${table.model.slice(1)}`] = fields as string[];
      }
    }
  }
  return keys;
}
