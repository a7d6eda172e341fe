import { defineProjectCheck } from './define.ts';
import { at, commandsOf, forEachRlsSchema, SQL_FIX_HINT } from '../sql/check-support.ts';
import { qualifiedName, type Policy } from '../sql/model.ts';

export default defineProjectCheck({
  meta: {
    id: 'rls-multiple-permissive',
    title: 'Several permissive policies for the same role and command',
    severity: 'medium',
    category: 'rls',
    messages: {
      overlappingPolicies: `policies "{{firstPolicy}}" and "{{policy}}" on {{qualifiedTable}} both allow {{command}} for {{role}}, and either one lets a row through: merge them into one policy, or ${SQL_FIX_HINT}.`,
    },
    docs: 'Permissive policies are OR-ed: a row passes if any of them allows it, so a loose policy silently widens a strict one, and Postgres runs every one of them for each row. Merge them into one policy per role and command.',
    fix: 'sql',
    finds:
      'two permissive policies for the same role and command on one table (`for all` counts for every command, no `TO` for every role)',
    sources: [
      {
        title: 'Supabase Security Advisor: 0006 multiple permissive policies',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0006_multiple_permissive_policies',
      },
      { title: 'PostgreSQL: CREATE POLICY', url: 'https://www.postgresql.org/docs/current/sql-createpolicy.html' },
    ],
  },
  check(ctx) {
    forEachRlsSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        const seen = new Map<string, Policy>();
        const reported = new Set<Policy>();
        for (const policy of table.policies) {
          if (!policy.permissive) continue;
          const roles = policy.roles.length > 0 ? policy.roles : ['public'];
          for (const command of commandsOf(policy)) {
            for (const role of roles) {
              const key = `${role}\0${command}`;
              const first = seen.get(key);
              if (!first) {
                seen.set(key, policy);
                continue;
              }
              if (first === policy || reported.has(policy)) continue;
              reported.add(policy);
              ctx.report({
                ...at(policy.loc),
                messageId: 'overlappingPolicies',
                data: {
                  table: table.name,
                  policy: policy.name,
                  firstPolicy: first.name,
                  qualifiedTable: qualifiedName(table),
                  command,
                  role,
                },
              });
            }
          }
        }
      }
    });
  },
});
