import { getTask } from '../../../lib/tasks';

import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';

async function loadTaskPageData({ params }: { params: { id: string } }) {
  if (params!.id === 'latest') {
    redirect('/tasks/1');
  }
  const task = await getTask(params!.id);
  if (!task) {
    notFound();
  }
  return { task, viewer: (await cookies()).get('viewer')?.value ?? 'guest' };
}

export const dynamic = 'force-dynamic';

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { task, viewer } = await loadTaskPageData({ params: await params });
  return (
    <article>
      <h1>{task.title}</h1>
      <p>{task.done ? 'Done' : 'Open'}, seen by {viewer}</p>
    </article>
  );
}
