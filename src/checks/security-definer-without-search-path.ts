import { defineProjectCheck } from './define.ts';
import { qualifiedIdentifier } from '../sql/names.ts';
import { at, forEachSchema } from '../sql/check-support.ts';
import { qualifiedName } from '../sql/model.ts';

export default defineProjectCheck({
  meta: {
    id: 'security-definer-without-search-path',
    title: 'SECURITY DEFINER function without a fixed search_path',
    severity: 'high',
    category: 'rls',
    messages: {
      mutableSearchPath:
        "function {{function}} is SECURITY DEFINER without `set search_path`: a caller can hijack the names it uses. Add `set search_path = ''` (or `alter function {{functionIdentifier}} set search_path = ''`) and schema-qualify the names in its body.",
    },
    docs: "A SECURITY DEFINER function runs with its owner's rights but resolves unqualified names through the caller's search_path, so a caller who can create objects can make it run their function or read their table. Add `set search_path = ''` and qualify every name in the body (`public.tasks`, `auth.uid()`).",
    fix: null,
    finds: 'a `SECURITY DEFINER` function without `SET search_path` (also `ALTER FUNCTION … SET search_path` later counts)',
    sources: [
      {
        title: 'Supabase Security Advisor: 0011 function search path mutable',
        url: 'https://supabase.com/docs/guides/database/database-linter?lint=0011_function_search_path_mutable',
      },
      {
        title: 'PostgreSQL: writing SECURITY DEFINER functions safely',
        url: 'https://www.postgresql.org/docs/current/sql-createfunction.html#SQL-CREATEFUNCTION-SECURITY',
      },
    ],
  },
  check(ctx) {
    forEachSchema(ctx, (schema) => {
      for (const fn of schema.functions) {
        if (!fn.securityDefiner || fn.searchPath !== null) continue;
        ctx.report({
          ...at(fn.loc),
          messageId: 'mutableSearchPath',
          data: { function: qualifiedName(fn), functionIdentifier: qualifiedIdentifier(fn.schema, fn.name) },
        });
      }
    });
  },
});
