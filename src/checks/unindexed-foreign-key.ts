import { defineProjectCheck } from './define.ts';
import { quoteIdentifier, tableIdentifier } from '../sql/names.ts';
import { at, forEachSchema, SQL_FIX_HINT } from '../sql/check-support.ts';
import { foreignKeys, hasLeadingIndex, qualifiedName } from '../sql/model.ts';

export default defineProjectCheck({
  meta: {
    id: 'unindexed-foreign-key',
    title: 'Foreign key without an index',
    severity: 'medium',
    category: 'schema',
    messages: {
      missingIndex: `foreign key {{qualifiedTable}} ({{columnList}}) → {{referenced}} has no index: joins and parent deletes scan the whole table. Run \`create index concurrently on {{tableIdentifier}} ({{quotedColumns}});\`, or ${SQL_FIX_HINT}.`,
      missingPrismaIndex: `foreign key {{qualifiedTable}} ({{columnList}}) → {{referenced}} has no index: joins and parent deletes scan the whole table. Add \`@@index([{{fields}}])\` to model {{model}}, or ${SQL_FIX_HINT}.`,
    },
    docs: 'Postgres indexes the referenced side of a foreign key, not the referencing columns. Every join and every `where parent_id = …` then scans the whole child table, and each delete of a parent row scans it again, holding locks. Add an index that leads with the foreign key columns (Prisma: `@@index([…])`).',
    fix: 'sql',
    otherFixes: ['prisma-schema-indexes'],
    finds: 'a foreign key (SQL, or a Prisma relation with `fields`) that no index leads with; Postgres does not index the referencing side',
    sources: [
      {
        title: 'Supabase Security Advisor: 0001 unindexed foreign keys',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0001_unindexed_foreign_keys',
      },
      { title: 'PostgreSQL: foreign keys', url: 'https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK' },
      { title: 'Prisma: indexes', url: 'https://www.prisma.io/docs/orm/prisma-schema/data-model/indexes' },
    ],
  },
  check(ctx) {
    forEachSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        for (const fk of foreignKeys(table)) {
          if (hasLeadingIndex(schema, table, fk.columns)) continue;
          const where = {
            qualifiedTable: qualifiedName(table),
            columnList: fk.columns.join(', '),
            referenced: qualifiedName({ schema: fk.references!.schema, name: fk.references!.table }),
          };
          ctx.report({
            ...at(fk.loc),
            ...(schema.source === 'prisma'
              ? {
                  messageId: 'missingPrismaIndex',
                  data: {
                    table: table.name,
                    columns: fk.columns,
                    ...where,
                    fields: fk.columns.map((c) => Object.entries(table.fields ?? {}).find(([, col]) => col === c)?.[0] ?? c).join(', '),
                    model: table.model ?? table.name,
                  },
                }
              : {
                  messageId: 'missingIndex',
                  data: {
                    table: table.name,
                    columns: fk.columns,
                    ...where,
                    tableIdentifier: tableIdentifier(table),
                    quotedColumns: fk.columns.map(quoteIdentifier).join(', '),
                  },
                }),
            // A Prisma model declares its indexes in schema.prisma; Prisma then writes the migration.
            ...(table.model ? { fix: 'prisma-schema-indexes' } : {}),
          });
        }
      }
    });
  },
});
