import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'bound-list-query',
  title: 'Give list queries a page size',
  description:
    'Where a list query\'s rows go to a response or a render (`res.json`, `NextResponse.json`, props from `getServerSideProps`, JSX, a server action\'s result), adds a page: `take` and `orderBy: { id }` to Prisma `findMany`, `.order(\'id\').range(0, pageSize - 1)` to supabase-js selects, `ORDER BY id LIMIT n` to SQL, with a TODO where the caller should get a way to ask for the next page. Where the rows are only counted, the query becomes a count. Rows read in a transaction or fed to a sum, a loop, a write or a join are left alone.',
  safe: true,
  prefilter: ['findMany', '.select(', 'SELECT', 'select '],
  questions: [{ name: 'pageSize', message: 'How many rows should one list query return at most?', type: 'number', default: 100, integer: true, min: 1, max: 10000 }],
};
