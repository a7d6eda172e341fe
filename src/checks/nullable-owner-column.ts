import { defineProjectCheck } from './define.ts';
import { at, forEachSchema, SQL_FIX_HINT } from '../sql/check-support.ts';
import { findColumn, qualifiedName } from '../sql/model.ts';
import { ownerColumn } from '../sql/ownership.ts';

export default defineProjectCheck({
  meta: {
    id: 'nullable-owner-column',
    title: 'Owner column allows NULL',
    severity: 'medium',
    category: 'schema',
    messages: {
      nullableOwner: `{{qualifiedTable}}.{{column}} holds the row's owner but allows NULL, so ownerless rows can be written: make it NOT NULL (and default it to \`auth.uid()\`), or ${SQL_FIX_HINT}.`,
    },
    docs: 'A row whose owner column is NULL belongs to nobody: owner policies hide it from everyone, and a bug that forgets to set the owner goes unnoticed until data goes missing. Make the column NOT NULL (on a large table: a `CHECK (col IS NOT NULL) NOT VALID` constraint, `VALIDATE`, then `SET NOT NULL`).',
    fix: 'sql',
    finds:
      'the owner column (a FK to `auth.users` or the users table, or `user_id`, `owner_id`, `author_id`, `created_by`, `profile_id`) allows NULL',
    sources: [
      {
        title: 'PostgreSQL: ALTER TABLE (NOT VALID, VALIDATE CONSTRAINT, SET NOT NULL)',
        url: 'https://www.postgresql.org/docs/current/sql-altertable.html',
      },
      { title: 'Supabase: Row Level Security', url: 'https://supabase.com/docs/guides/database/postgres/row-level-security' },
    ],
  },
  check(ctx) {
    forEachSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        const owner = ownerColumn(schema, table);
        const column = owner ? findColumn(table, owner) : undefined;
        if (!column?.nullable) continue;
        ctx.report({
          ...at(column.loc),
          messageId: 'nullableOwner',
          data: { table: table.name, column: column.name, qualifiedTable: qualifiedName(table) },
        });
      }
    });
  },
});
