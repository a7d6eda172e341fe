import { defineProjectCheck } from './define.ts';
import { quoteIdentifier, tableIdentifier } from '../sql/names.ts';
import { at, forEachSchema, SQL_FIX_HINT } from '../sql/check-support.ts';
import { usesSupabase } from '../sql/load-schema.ts';
import { findColumn, findTable, foreignKeys, qualifiedName } from '../sql/model.ts';
import { ownerColumn } from '../sql/ownership.ts';

export default defineProjectCheck({
  meta: {
    id: 'owner-column-without-foreign-key',
    title: 'Owner column without a foreign key to the users table',
    severity: 'medium',
    category: 'schema',
    messages: {
      noForeignKey: `{{qualifiedTable}}.{{column}} holds a user id but references no table, so it can point at users who do not exist: add \`alter table {{tableIdentifier}} add foreign key ({{quotedColumn}}) references {{users}} (id) on delete cascade not valid\`, or ${SQL_FIX_HINT}.`,
    },
    docs: 'Without a foreign key, the owner column can hold the id of a user who does not exist (a typo, a deleted account), and deleting a user leaves their rows behind. Reference `auth.users(id)` (Supabase) or your users table, with `on delete cascade` if their data should go with them.',
    fix: 'sql',
    finds: 'an owner column that references no table',
    sources: [
      { title: 'PostgreSQL: foreign keys', url: 'https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK' },
      { title: 'Supabase: managing user data', url: 'https://supabase.com/docs/guides/auth/managing-user-data' },
    ],
  },
  check(ctx) {
    forEachSchema(ctx, (schema, project) => {
      const users = usesSupabase(project, schema) ? 'auth.users' : findTable(schema, 'public', 'users') ? 'users' : null;
      if (!users) return;
      for (const table of schema.tables) {
        const owner = ownerColumn(schema, table);
        if (!owner || foreignKeys(table).some((fk) => fk.columns.includes(owner))) continue;
        const column = findColumn(table, owner)!;
        ctx.report({
          ...at(column.loc),
          messageId: 'noForeignKey',
          data: {
            table: table.name,
            column: owner,
            qualifiedTable: qualifiedName(table),
            tableIdentifier: tableIdentifier(table),
            quotedColumn: quoteIdentifier(owner),
            users,
          },
        });
      }
    });
  },
});
