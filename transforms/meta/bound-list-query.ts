import type { Answers, TransformMeta } from '../../src/engine/transform-types.ts';
import type { Project } from '../../src/project/types.ts';

/** The schema model loads here, not with this module, which the scan and plain `jscodeshift -t` read too. */
async function primaryKeys(project: Project): Promise<Answers> {
  const { primaryKeysByQueryName } = await import('../../src/sql/primary-keys.ts');
  return { primaryKeys: JSON.stringify(primaryKeysByQueryName(project)) };
}

/** Text every list query the check flags and the transform bounds contains: Prisma `findMany`, a supabase-js select, SQL. */
export const LIST_QUERY_TEXT = ['findMany', '.select(', 'SELECT', 'select '];

export const meta: TransformMeta = {
  id: 'bound-list-query',
  title: 'Give list queries a page size',
  description:
    "Where a list query's rows go to a response or a render (`res.json`, `NextResponse.json`, props from `getServerSideProps`, JSX, a server action's result), adds a page: `take` (and `orderBy` on the primary key) to Prisma `findMany`, `.order(key).range(0, pageSize - 1)` to supabase-js selects, `ORDER BY key LIMIT n` to SQL, with a TODO where the caller should get a way to ask for the next page. Where the rows are only counted, the query becomes a count. Rows read in a transaction or fed to a sum, a loop, a write or a join are left alone, and so is a query with no order of its own on a table whose primary key the schema does not give: a page of arbitrary rows, or an order by a column the table lacks, would be worse than none.",
  safe: true,
  prefilter: LIST_QUERY_TEXT,
  questions: [
    {
      name: 'pageSize',
      message: 'How many rows should one list query return at most?',
      type: 'number',
      default: 100,
      integer: true,
      min: 1,
      max: 10000,
    },
  ],
  projectOptions: primaryKeys,
};
