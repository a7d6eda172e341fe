import type { CallExpression, Node, VariableDeclarator } from '@babel/types';
import { defineCheck } from './define.ts';
import { looksLikeSql, rawSqlApi, splicedParts, type RawSqlApi } from '../engine/sql-text.ts';

const ADVICE: Record<RawSqlApi, string> = {
  prisma: 'use the tagged `$queryRaw`/`$executeRaw` template, which sends values as parameters',
  driver: 'pass the values separately: `query(\'… $1\', [value])`',
  'postgres.js': 'use the tagged `sql` template instead of `sql.unsafe`',
  drizzle: 'use the tagged `sql` template instead of `sql.raw`',
  knex: 'pass the values as bindings: `raw(\'… ?\', [value])`',
  'postgrest-filter': 'build the filter from values you have checked, or use `.eq()`/`.ilike()` with the value as an argument',
};

export default defineCheck({
  meta: {
    id: 'raw-sql-interpolation',
    title: 'Values spliced into SQL text',
    severity: 'critical',
    category: 'data-access',
    docs: 'A value spliced into SQL text becomes SQL: a request that sends `\' OR \'1\'=\'1` reads every row, and worse payloads change or drop data. Send values as parameters (a tagged template, or placeholders with a values array) so the database never parses them as SQL.',
    // A raw-text API, and text built from pieces (a template with `${}` or a `+` next to a string).
    prefilter: (text) =>
      /\$(query|execute)RawUnsafe|\.unsafe\(|\.raw\(/.test(text) ||
      (/\.(query|execute)\(/.test(text) && /\$\{|['"`]\s*\+|\+\s*['"`]/.test(text)) ||
      /\.(or|filter)\(\s*`/.test(text),
    fix: 'parameterize-raw-sql',
  },
  check(ctx) {
    const templates = new Map<string, Node>();
    return {
      VariableDeclarator(node: Node) {
        const declarator = node as VariableDeclarator;
        if (declarator.id.type === 'Identifier' && declarator.init) templates.set(declarator.id.name, declarator.init);
      },
      CallExpression(node: Node) {
        const call = node as CallExpression;
        const api = rawSqlApi(call.callee);
        if (!api) return;
        const first = call.arguments[0];
        const text = first?.type === 'Identifier' ? templates.get(first.name) : first;
        const parts = splicedParts(text);
        if (!parts) return;
        if ((api === 'driver' || api === 'knex') && !looksLikeSql(parts)) return;
        if (api === 'postgrest-filter' && !parts.some((part) => 'text' in part && /\.(eq|neq|gt|gte|lt|lte|like|ilike|is|in|cs|cd)\./.test(part.text))) return;
        ctx.report({
          node: call,
          message: `${api === 'postgrest-filter' ? 'A PostgREST filter' : 'SQL'} is built by splicing in values: ${ADVICE[api]}.`,
          data: { api },
        });
      },
    };
  },
});
