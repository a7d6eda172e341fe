import type { CallExpression, Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { ancestorsAbove, boundFixApplies, isUnboundedFindMany, rowFlow, unboundedSelectEnd, unboundedSqlText, type QueryShape } from '../engine/list-queries.ts';
import { isDevelopmentFile } from '../project/dependencies.ts';

const UNBOUNDED: Record<QueryShape, string> = {
  prisma: '`findMany` without `take` loads every matching row',
  supabase: '`.select()` without `.range()` or `.limit()` loads every row',
  sql: 'This SELECT has no LIMIT: it returns every matching row',
};

const COUNT: Record<QueryShape, string> = {
  prisma: '`prisma.<model>.count({ where })`',
  supabase: "`.select('*', { count: 'exact', head: true })`",
  sql: '`SELECT count(*)`',
};

export default defineCheck({
  meta: {
    id: 'unbounded-query',
    title: 'List query with no limit',
    severity: 'medium',
    category: 'data-access',
    docs: 'A query without a limit returns every row: fine with ten rows, a timeout and a memory spike with a hundred thousand, and Supabase silently stops at 1,000 so the UI shows wrong data. Where the rows go to a response or a page, ask for one page (`take`, `.range()`, `LIMIT`, ordered by the primary key) and let the caller ask for the next; where they are only counted, ask the database for the count. Rows a transaction, a sum, a loop, a write or a join needs whole are left alone.',
    prefilter: ['findMany', '.select(', 'SELECT', 'select '],
    fix: 'bound-list-query',
  },
  check(ctx) {
    // Seeds, scripts and tests may read whole tables on purpose.
    if (isDevelopmentFile(ctx.file.path) || /(^|\/)prisma\//.test(ctx.file.path)) return;
    const judge = (node: Node, query: Node, ancestors: readonly Node[], shape: QueryShape) => {
      const flow = rowFlow(query, ancestors);
      if (flow.kind === 'kept') return;
      // The fix is offered only where it keeps what the code does: a page where rows are shown, a count where they are counted.
      const fix = boundFixApplies(node, shape, flow) ? {} : { fix: '' };
      const cap = shape === 'supabase' ? ' (and Supabase stops at 1,000 without saying so)' : '';
      let message: string;
      if (flow.kind === 'count') message = `${UNBOUNDED[shape]} only to count them${cap}: ${COUNT[shape]} asks the database for the number instead.`;
      else if (flow.kind === 'response' && !('fix' in fix)) message = `${UNBOUNDED[shape]} into the response or the page${cap}.`;
      else if (flow.kind === 'response') message = `${UNBOUNDED[shape]} into the response or the page${cap}; page it by hand: shipshape cannot tell which key orders this one.`;
      else message = `${UNBOUNDED[shape]}${cap}, and shipshape cannot tell where the rows go: bound it where they are shown, or suppress this where every row is needed.`;
      ctx.report({ node, message, data: { kind: shape, flow: flow.kind }, ...fix });
    };
    return {
      CallExpression(node: Node, ancestors: readonly Node[]) {
        const call = node as CallExpression;
        if (isUnboundedFindMany(call)) return judge(call, call, ancestors, 'prisma');
        const end = unboundedSelectEnd(call, ancestors);
        if (end) return judge(call, end, ancestorsAbove(end, ancestors), 'supabase');
        if (unboundedSqlText(call)) judge(call, call, ancestors, 'sql');
      },
      TaggedTemplateExpression(node: Node, ancestors: readonly Node[]) {
        if (unboundedSqlText(node)) judge(node, node, ancestors, 'sql');
      },
    };
  },
});
