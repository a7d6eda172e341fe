import { defineProjectCheck } from './define.ts';
import { at, forEachRlsSchema, policyLabel, SQL_FIX_HINT } from '../sql/check-support.ts';

export default defineProjectCheck({
  meta: {
    id: 'policy-without-role',
    title: 'RLS policy without a TO clause',
    severity: 'medium',
    category: 'rls',
    messages: {
      noToClause: `{{label}} has no \`TO\` clause, so it applies to every role, anon included: add \`to authenticated\`, or ${SQL_FIX_HINT}.`,
    },
    docs: 'A policy without `TO` applies to `public`, every role including `anon`: signed-out visitors are evaluated against it too, and it runs for roles that never need it. Say `TO authenticated` (or `TO anon` where signed-out access is intended).',
    fix: 'sql',
    finds: 'a policy with no `TO` clause (or `TO public`), so it applies to `anon` too',
    sources: [
      {
        title: 'Supabase: specify roles in your policies',
        url: 'https://supabase.com/docs/guides/database/postgres/row-level-security#specify-roles-in-your-policies',
      },
      { title: 'PostgreSQL: CREATE POLICY', url: 'https://www.postgresql.org/docs/current/sql-createpolicy.html' },
    ],
  },
  check(ctx) {
    forEachRlsSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        for (const policy of table.policies) {
          if (policy.roles.length > 0) continue;
          ctx.report({
            ...at(policy.loc),
            messageId: 'noToClause',
            data: { table: table.name, policy: policy.name, label: policyLabel(table, policy) },
          });
        }
      }
    });
  },
});
