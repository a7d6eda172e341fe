import type { CallExpression, Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { isUnboundedFindMany, unboundedSelectEnd, unboundedSqlText } from '../engine/list-queries.ts';
import { isDevelopmentFile } from '../project/dependencies.ts';

export default defineCheck({
  meta: {
    id: 'unbounded-query',
    title: 'List query with no limit',
    severity: 'medium',
    category: 'data-access',
    docs: 'A query without a limit returns every row: fine with ten rows, a timeout and a memory spike with a hundred thousand, and Supabase silently stops at 1,000 so the UI shows wrong data. Ask for one page (`take`, `.range()`, `LIMIT`) and let the caller ask for the next.',
    prefilter: ['findMany', '.select(', 'SELECT', 'select '],
    fix: 'bound-list-query',
  },
  check(ctx) {
    // Seeds, scripts and tests may read whole tables on purpose.
    if (isDevelopmentFile(ctx.file.path) || /(^|\/)prisma\//.test(ctx.file.path)) return;
    return {
      CallExpression(node: Node, ancestors: readonly Node[]) {
        const call = node as CallExpression;
        if (isUnboundedFindMany(call)) {
          ctx.report({ node: call, message: '`findMany` without `take` loads every matching row.', data: { kind: 'prisma' } });
        } else if (unboundedSelectEnd(call, ancestors)) {
          ctx.report({ node: call, message: '`.select()` without `.range()` or `.limit()` loads every row (and Supabase stops at 1,000 without saying so).', data: { kind: 'supabase' } });
        } else if (unboundedSqlText(call)) {
          ctx.report({ node: call, message: 'This SELECT has no LIMIT: it returns every matching row.', data: { kind: 'sql' } });
        }
      },
      TaggedTemplateExpression(node: Node) {
        if (unboundedSqlText(node)) ctx.report({ node, message: 'This SELECT has no LIMIT: it returns every matching row.', data: { kind: 'sql' } });
      },
    };
  },
});
