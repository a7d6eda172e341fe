import { defineProjectCheck } from './define.ts';
import { at, forEachRlsSchema, SQL_FIX_HINT } from '../sql/check-support.ts';
import { isExposed, qualifiedName } from '../sql/model.ts';

export default defineProjectCheck({
  meta: {
    id: 'rls-enabled-no-policy',
    title: 'Row level security enabled without any policy',
    severity: 'low',
    category: 'rls',
    messages: {
      noPolicy: `{{qualifiedTable}} has row level security enabled but no policy, so only the service role can use it. If the browser reads it, add policies (or ${SQL_FIX_HINT}); if it is server-only, add \`-- shipshape-ignore rls-enabled-no-policy -- server only\`.`,
    },
    docs: 'With RLS on and no policy, no client role can read or write the table: only the service role (which bypasses RLS) can. That is right for server-only tables; for anything the app reads from the browser it is a bug that shows up as empty lists. Add one policy per command for the rows each user may see.',
    fix: 'sql',
    finds: 'RLS enabled on an exposed table with no policy: only the service role can use it',
    sources: [
      {
        title: 'Supabase Security Advisor: 0008 RLS enabled, no policy',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0008_rls_enabled_no_policy',
      },
      { title: 'PostgreSQL: row security policies', url: 'https://www.postgresql.org/docs/current/ddl-rowsecurity.html' },
    ],
  },
  check(ctx) {
    forEachRlsSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        if (!isExposed(table) || !table.rls.enabled || table.policies.length > 0) continue;
        ctx.report({
          ...at(table.rls.loc ?? table.loc),
          messageId: 'noPolicy',
          data: { table: table.name, qualifiedTable: qualifiedName(table) },
        });
      }
    });
  },
});
