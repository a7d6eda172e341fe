import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'parameterize-raw-sql',
  title: 'Send SQL values as parameters',
  description:
    'Rewrites SQL built by splicing values: Prisma `$queryRawUnsafe` becomes the tagged `$queryRaw`, postgres.js `sql.unsafe` and drizzle `sql.raw` become the tagged `sql`, and `query()`/`raw()` calls get placeholders with a values array. A value inside a quoted SQL string becomes one parameter. Spliced table or column names and lists are left as they are, with a TODO.',
  safe: true,
  prefilter: ['query', 'execute', 'Unsafe', 'unsafe', '.raw(', '.or(', '.filter('],
  questions: [
    {
      name: 'placeholders',
      message: 'Placeholder style for query() calls?',
      type: 'string',
      default: 'auto',
      choices: [
        { value: 'auto', name: 'auto: ? where the file imports mysql2, $1 otherwise' },
        { value: 'dollar', name: '$1, $2 (node-postgres)' },
        { value: 'question', name: '?, ? (mysql2)' },
      ],
    },
  ],
};
