import type { InferGetServerSidePropsType } from 'next';
import { getTask } from '../../../lib/tasks';

import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';

async function getPageProps(
  { params }: { params: { id: string }; query: Record<string, string | string[] | undefined> }
) {
  if (params!.id === 'latest') {
    return { redirect: { destination: '/tasks/1', permanent: false } };
  }
  const task = await getTask(params!.id);
  if (!task) {
    return { notFound: true };
  }
  return { props: { task, viewer: (await cookies()).get('viewer')?.value ?? 'guest' } };
}

export const dynamic = 'force-dynamic';

function TaskPage({ task, viewer }: InferGetServerSidePropsType<typeof getPageProps>) {
  return (
    <article>
      <h1>{task.title}</h1>
      <p>{task.done ? 'Done' : 'Open'}, seen by {viewer}</p>
    </article>
  );
}

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const result = await getPageProps({ params: await params, query: { ...(await searchParams), ...(await params) } });
  if (!('props' in result) || !result.props) {
    if ('redirect' in result && result.redirect) redirect(result.redirect.destination);
    notFound();
  }
  return <TaskPage {...result.props} />;
}
