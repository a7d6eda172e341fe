import { defineProjectCheck } from './define.ts';
import { quoteIdentifier, tableIdentifier } from '../sql/names.ts';
import { at, forEachRlsSchema, SQL_FIX_HINT } from '../sql/check-support.ts';
import { findColumn, hasLeadingIndex, qualifiedName } from '../sql/model.ts';

export default defineProjectCheck({
  meta: {
    id: 'policy-column-unindexed',
    title: 'RLS policy filters on a column without an index',
    severity: 'medium',
    category: 'schema',
    messages: {
      unindexedPolicyColumn: `policy "{{policy}}" filters {{qualifiedTable}} on {{column}}, which no index leads with: every query scans the table. Run \`create index concurrently on {{tableIdentifier}} ({{quotedColumn}});\`, or ${SQL_FIX_HINT}.`,
    },
    docs: 'A policy is a WHERE clause added to every query on the table. If the column it compares (usually the owner column) has no index leading with it, every read scans the whole table; Supabase measured over 100× on large tables. Only the leading column of an index counts.',
    fix: 'sql',
    finds: 'a column of the table that a policy compares, with no index leading with it',
    sources: [
      {
        title: 'Supabase: RLS performance recommendations',
        url: 'https://supabase.com/docs/guides/database/postgres/row-level-security#rls-performance-recommendations',
      },
      {
        title: 'PostgreSQL: multicolumn indexes (the leading column)',
        url: 'https://www.postgresql.org/docs/current/indexes-multicolumn.html',
      },
    ],
  },
  check(ctx) {
    forEachRlsSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        const reported = new Set<string>();
        for (const policy of table.policies) {
          const columns = [...(policy.using?.columns ?? []), ...(policy.withCheck?.columns ?? [])];
          for (const column of columns) {
            if (reported.has(column) || !findColumn(table, column) || hasLeadingIndex(schema, table, [column])) continue;
            reported.add(column);
            ctx.report({
              ...at(policy.loc),
              messageId: 'unindexedPolicyColumn',
              data: {
                table: table.name,
                column,
                policy: policy.name,
                qualifiedTable: qualifiedName(table),
                tableIdentifier: tableIdentifier(table),
                quotedColumn: quoteIdentifier(column),
              },
            });
          }
        }
      }
    });
  },
});
