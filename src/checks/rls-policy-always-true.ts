import { defineProjectCheck } from './define.ts';
import { quoteIdentifier } from '../sql/names.ts';
import { at, forEachRlsSchema, policyLabel, SQL_FIX_HINT } from '../sql/check-support.ts';
import { ownerColumn } from '../sql/ownership.ts';

export default defineProjectCheck({
  meta: {
    id: 'rls-policy-always-true',
    title: 'RLS policy that lets every user change every row',
    severity: 'high',
    category: 'rls',
    messages: {
      usingAlwaysTrue: `{{label}}: \`USING (true)\` lets every user {{verb}} every row. Compare {{compare}} instead, or ${SQL_FIX_HINT}.`,
      withCheckAlwaysTrue: `{{label}}: \`WITH CHECK (true)\` lets every user write rows in anyone's name. Compare {{compare}} instead, or ${SQL_FIX_HINT}.`,
      noWithCheck: `{{label}}: no \`WITH CHECK\` lets every user write rows in anyone's name. Compare {{compare}} instead, or ${SQL_FIX_HINT}.`,
      publicRead:
        '{{label}} makes every row readable by {{readers}}, though the table has an owner column ({{owner}}): keep it only if the rows are meant to be public.',
    },
    docs: "`USING (true)` on UPDATE, DELETE or ALL, or a missing or true `WITH CHECK` on INSERT or UPDATE, lets any signed-in user change or delete every row, and write rows in anyone's name. Compare the owner column with `(select auth.uid())` instead. A public-read SELECT policy on a table with an owner column is reported as low: make sure the rows are meant to be public.",
    fix: 'sql',
    finds:
      'a permissive policy with `USING (true)` on UPDATE, DELETE or ALL, or a true or missing `WITH CHECK` on INSERT, UPDATE or ALL; a `USING (true)` SELECT policy is reported as low, and only on tables with an owner column',
    severityNote: 'low for a public-read SELECT',
    sources: [
      { title: 'Supabase: Row Level Security', url: 'https://supabase.com/docs/guides/database/postgres/row-level-security' },
      { title: 'PostgreSQL: CREATE POLICY', url: 'https://www.postgresql.org/docs/current/sql-createpolicy.html' },
    ],
  },
  check(ctx) {
    forEachRlsSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        const owner = ownerColumn(schema, table);
        for (const policy of table.policies) {
          if (!policy.permissive) continue;
          const label = policyLabel(table, policy);
          const checkExpression = policy.withCheck ?? (policy.command === 'update' || policy.command === 'all' ? policy.using : null);
          const writes = policy.command === 'insert' || policy.command === 'update' || policy.command === 'all';
          const openUsing =
            (policy.command === 'update' || policy.command === 'delete' || policy.command === 'all') && policy.using?.alwaysTrue;
          const openCheck = writes && (checkExpression === null || checkExpression.alwaysTrue);
          const compare = owner ? `\`${quoteIdentifier(owner)} = (select auth.uid())\`` : "the row's owner with `(select auth.uid())`";
          if (openUsing || openCheck) {
            ctx.report({
              ...at(policy.loc),
              messageId: openUsing ? 'usingAlwaysTrue' : checkExpression ? 'withCheckAlwaysTrue' : 'noWithCheck',
              data: { table: table.name, policy: policy.name, label, compare, verb: policy.command === 'delete' ? 'delete' : 'change' },
            });
          } else if (owner && policy.command === 'select' && policy.using?.alwaysTrue) {
            ctx.report({
              ...at(policy.loc),
              severity: 'low',
              messageId: 'publicRead',
              data: {
                table: table.name,
                policy: policy.name,
                label,
                owner,
                readers: policy.roles.length > 0 ? policy.roles.join(', ') : 'everyone',
              },
            });
          }
        }
      }
    });
  },
});
