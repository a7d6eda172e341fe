import { defineProjectCheck } from './define.ts';
import { at, forEachRlsSchema, policyLabel, SQL_FIX_HINT } from '../sql/check-support.ts';

export default defineProjectCheck({
  meta: {
    id: 'rls-policy-initplan',
    title: 'RLS policy calls auth.uid() once per row',
    severity: 'medium',
    category: 'rls',
    messages: {
      authCallPerRow: `{{label}} calls {{calls}} once per row: write \`(select {{firstCall}})\` so it runs once per query, or ${SQL_FIX_HINT}.`,
    },
    docs: 'Postgres evaluates a bare `auth.uid()` (or `auth.jwt()`, `auth.role()`) in a policy for every row it scans. Wrapped as `(select auth.uid())` it is evaluated once per query; Supabase measured 179 ms → 9 ms on a large table.',
    fix: 'sql',
    finds: '`auth.uid()`, `auth.jwt()` or `auth.role()` in a policy not wrapped in `(select …)`, so it runs once per row',
    sources: [
      {
        title: 'Supabase Security Advisor: 0003 auth RLS initplan',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0003_auth_rls_initplan',
      },
      {
        title: 'Supabase: RLS performance recommendations',
        url: 'https://supabase.com/docs/guides/database/postgres/row-level-security#rls-performance-recommendations',
      },
    ],
  },
  check(ctx) {
    forEachRlsSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        for (const policy of table.policies) {
          const calls = [...new Set([...(policy.using?.unwrappedAuthCalls ?? []), ...(policy.withCheck?.unwrappedAuthCalls ?? [])])];
          if (calls.length === 0) continue;
          ctx.report({
            ...at(policy.loc),
            messageId: 'authCallPerRow',
            data: {
              table: table.name,
              policy: policy.name,
              label: policyLabel(table, policy),
              calls: calls.join(', '),
              firstCall: calls[0],
            },
          });
        }
      }
    });
  },
});
