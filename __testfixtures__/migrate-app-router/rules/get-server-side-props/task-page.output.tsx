import { getTask } from '../../lib/tasks';

import { headers, cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';

const loadTaskPageData = (async (
  { params, query }: { params: { id: string }; query: Record<string, string | string[] | undefined> }
) => {
  if (!(await cookies()).get('session')?.value) {
    redirect('/login');
  }
  const task = await getTask(params!.id as string, (await headers()).get('accept-language'));
  if (!task) return notFound();
  return { task, tab: (query.tab as string) ?? 'details' };
});

export const dynamic = 'force-dynamic';

export default async function TaskPage(
  { params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }
) {
  const { task, tab } = await loadTaskPageData({ params: await params, query: { ...(await searchParams), ...(await params) } });
  return (
    <main>
      <h1>{task.title}</h1>
      <p>{tab}</p>
    </main>
  );
}
