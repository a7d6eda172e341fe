import { defineProjectCheck } from './define.ts';
import { tableIdentifier } from '../sql/names.ts';
import { at, forEachSchema, SQL_FIX_HINT } from '../sql/check-support.ts';
import { usesSupabase } from '../sql/load-schema.ts';
import { isExposed, qualifiedName } from '../sql/model.ts';

export default defineProjectCheck({
  meta: {
    id: 'rls-disabled',
    title: 'Table in an exposed schema without row level security',
    severity: 'critical',
    category: 'rls',
    messages: {
      disabled: `{{qualifiedTable}} has row level security disabled: anyone with the anon key can read and change every row. Add \`alter table {{tableIdentifier}} enable row level security;\` with policies for each command, or ${SQL_FIX_HINT}.`,
      neverEnabled: `{{qualifiedTable}} has row level security off: anyone with the anon key can read and change every row. Add \`alter table {{tableIdentifier}} enable row level security;\` with policies for each command, or ${SQL_FIX_HINT}.`,
    },
    docs: 'Supabase serves every table in `public` through its Data API to anyone holding the anon key, which ships in your browser bundle. Without row level security, anyone can read, change and delete every row. Enable RLS in the migration that creates the table, with one policy per command for the rows each user owns (`shipshape sql` writes them).',
    fix: 'sql',
    finds:
      "a table in `public` (which Supabase's Data API serves to anyone with the anon key) whose row level security is off, in a project whose database is Supabase's; points at the CREATE TABLE or the DISABLE line. For Prisma models this and every other RLS and policy check needs evidence that the database is Supabase's: a Supabase host in a database URL (env files, `.env.example`, `schema.prisma`) or a `supabase/` folder; an app that uses Supabase only for auth or storage is not enough",
    sources: [
      { title: 'Supabase: Row Level Security', url: 'https://supabase.com/docs/guides/database/postgres/row-level-security' },
      {
        title: 'Supabase Security Advisor: 0013 RLS disabled in public',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0013_rls_disabled_in_public',
      },
    ],
  },
  check(ctx) {
    forEachSchema(ctx, (schema, project) => {
      if (!usesSupabase(project, schema)) return;
      for (const table of schema.tables) {
        if (!isExposed(table) || table.rls.enabled) continue;
        ctx.report({
          ...at(table.rls.loc ?? table.loc),
          messageId: table.rls.loc ? 'disabled' : 'neverEnabled',
          data: { schema: table.schema, table: table.name, qualifiedTable: qualifiedName(table), tableIdentifier: tableIdentifier(table) },
        });
      }
    });
  },
});
