import { defineCheck } from './define.ts';
import { quoteIdentifier, tableIdentifier } from '../sql/names.ts';
import { SQL_FIX_HINT } from '../sql/check-support.ts';
import { CODE_FACT_PREFILTER, columnUseVisitors, resolveUse, type ColumnUse } from '../sql/code-facts.ts';
import { loadSchemas, schemaForFile } from '../sql/load-schema.ts';
import { isUniqueOn, qualifiedName } from '../sql/model.ts';

export default defineCheck({
  meta: {
    id: 'lookup-column-not-unique',
    title: 'Code looks up one row by a column that is not unique',
    severity: 'high',
    category: 'schema',
    messages: {
      lookupNotUnique: `this reads one row of {{qualifiedTable}} by {{columnList}}, but {{columnList}} is not unique ({{definedAt}}): duplicates make the lookup fail or return the wrong row. Run \`create unique index concurrently on {{tableIdentifier}} ({{quotedColumns}});\`, or ${SQL_FIX_HINT}.`,
    },
    docs: 'The code fetches a single row by a column (Prisma `findUnique`/`update`/`delete`, supabase-js `.eq(col, v).single()`), but nothing in the schema keeps that column unique. A second row with the same value (the classic case: two rows for one Stripe customer id after a retried webhook) makes the lookup fail or pick an arbitrary row. Add a unique index.',
    prefilter: CODE_FACT_PREFILTER,
    fix: 'sql',
    otherFixes: ['prisma-schema-indexes'],
    finds:
      'the code reads one row by columns that no primary key, unique constraint or unique index covers: Prisma `findUnique`/`update`/`delete`/`upsert` `where` keys, supabase-js `.eq(col, v)` chains ending in `.single()`/`.maybeSingle()`; the finding points at the code, the message at the table',
    sources: [
      { title: 'Prisma: CRUD (findUnique needs a unique field)', url: 'https://www.prisma.io/docs/orm/prisma-client/queries/crud' },
      {
        title: 'PostgreSQL: CREATE INDEX CONCURRENTLY',
        url: 'https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY',
      },
      {
        title: 'PostgreSQL: ALTER TABLE (NOT VALID, VALIDATE CONSTRAINT, SET NOT NULL)',
        url: 'https://www.postgresql.org/docs/current/sql-altertable.html',
      },
    ],
  },
  check(ctx) {
    return columnUseVisitors(ctx.file.path, (use) => {
      if (use.use === 'lookup') ctx.collect(use);
    });
  },
  finish(ctx) {
    const schemas = loadSchemas(ctx.project);
    const seen = new Set<string>();
    for (const use of (ctx.facts as ColumnUse[]).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
      const schema = schemaForFile(schemas, use.file);
      const resolved = schema ? resolveUse(schema, use) : null;
      if (!schema || !resolved || isUniqueOn(schema, resolved.table, resolved.columns)) continue;
      const key = `${use.file}:${use.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        file: use.file,
        loc: { line: use.line, column: use.column },
        messageId: 'lookupNotUnique',
        data: {
          table: resolved.table.name,
          columns: resolved.columns,
          qualifiedTable: qualifiedName(resolved.table),
          columnList: resolved.columns.join(', '),
          definedAt: `${resolved.table.loc.file}:${resolved.table.loc.line}`,
          tableIdentifier: tableIdentifier(resolved.table),
          quotedColumns: resolved.columns.map(quoteIdentifier).join(', '),
        },
        ...(resolved.table.model ? { fix: 'prisma-schema-indexes' } : {}),
      });
    }
  },
});
