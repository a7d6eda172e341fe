import { defineProjectCheck } from './define.ts';
import { at, forEachRlsSchema, policyLabel } from '../sql/check-support.ts';

export default defineProjectCheck({
  meta: {
    id: 'policy-uses-user-metadata',
    title: 'RLS policy trusts user_metadata',
    severity: 'high',
    category: 'rls',
    messages: {
      readsUserMetadata:
        "{{label}} reads user_metadata, which every user can edit for themselves: read `auth.jwt() -> 'app_metadata'` or a membership table instead.",
    },
    docs: 'Users can change their own `user_metadata` with `supabase.auth.updateUser()`, so a policy that reads a role or team from it lets anyone grant themselves access. Keep authorization data in `app_metadata` (only the service role can write it) or in a table of your own.',
    fix: null,
    finds: 'a policy that reads `user_metadata` (or `raw_user_meta_data`), which users can edit themselves',
    sources: [
      {
        title: 'Supabase Security Advisor: 0015 RLS references user metadata',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0015_rls_references_user_metadata',
      },
      { title: 'Supabase: managing user data', url: 'https://supabase.com/docs/guides/auth/managing-user-data' },
    ],
  },
  check(ctx) {
    forEachRlsSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        for (const policy of table.policies) {
          if (!policy.using?.usesUserMetadata && !policy.withCheck?.usesUserMetadata) continue;
          ctx.report({
            ...at(policy.loc),
            messageId: 'readsUserMetadata',
            data: { table: table.name, policy: policy.name, label: policyLabel(table, policy) },
          });
        }
      }
    });
  },
});
