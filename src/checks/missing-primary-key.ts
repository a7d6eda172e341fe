import { defineProjectCheck } from './define.ts';
import { tableIdentifier } from '../sql/names.ts';
import { at, forEachSchema } from '../sql/check-support.ts';
import { indexedKeys, primaryKey, qualifiedName, type SchemaModel, type Table } from '../sql/model.ts';

/**
 * Prisma identifies a model's rows by `@id`, `@@id`, `@unique` or `@@unique`, and needs one of them on required
 * fields: a unique key on required columns serves it as the primary key. A SQL table still needs its own, which
 * is what logical replication (Supabase Realtime) identifies rows by.
 */
function prismaModelWithRequiredUniqueKey(schema: SchemaModel, table: Table): boolean {
  if (table.model === undefined) return false;
  const required = new Set(table.columns.filter((column) => !column.nullable).map((column) => column.name));
  return indexedKeys(schema, table).some(
    (key) => key.unique && !key.partial && key.columns.length > 0 && key.columns.every((column) => required.has(column)),
  );
}

export default defineProjectCheck({
  meta: {
    id: 'missing-primary-key',
    title: 'Table without a primary key',
    severity: 'medium',
    category: 'schema',
    messages: {
      noPrimaryKey:
        '{{qualifiedTable}} has no primary key: add one (`id uuid primary key default gen_random_uuid()`, or `alter table {{tableIdentifier}} add primary key (…)` on the columns that identify a row).',
    },
    docs: 'Without a primary key, duplicate rows cannot be told apart, an update or delete cannot target one row, and logical replication (Supabase Realtime, read replicas) cannot send updates. Add one: `id uuid primary key default gen_random_uuid()` or `alter table … add primary key (…)`.',
    fix: null,
    finds:
      'a table without a primary key (one added later by `ALTER TABLE` counts); a Prisma model with a `@unique`/`@@unique` key on required fields has one, since Prisma identifies its rows by it',
    sources: [
      {
        title: 'Supabase Security Advisor: 0004 no primary key',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0004_no_primary_key',
      },
      {
        title: 'PostgreSQL: logical replication publications (replica identity)',
        url: 'https://www.postgresql.org/docs/current/logical-replication-publication.html',
      },
    ],
  },
  check(ctx) {
    forEachSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        if (primaryKey(table) || prismaModelWithRequiredUniqueKey(schema, table)) continue;
        ctx.report({
          ...at(table.loc),
          messageId: 'noPrimaryKey',
          data: { table: table.name, qualifiedTable: qualifiedName(table), tableIdentifier: tableIdentifier(table) },
        });
      }
    });
  },
});
