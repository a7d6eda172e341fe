import type { InferGetServerSidePropsType } from 'next';
import { getTask } from '../../lib/tasks';

import { headers, cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';

const getPageProps = (async (
  { params, query }: { params: { id: string }; query: Record<string, string | string[] | undefined> }
) => {
  if (!(await cookies()).get('session')?.value) {
    return { redirect: { destination: '/login', permanent: false } };
  }
  const task = await getTask(params!.id as string, (await headers()).get('accept-language'));
  if (!task) return { notFound: true };
  return { props: { task, tab: (query.tab as string) ?? 'details' } };
});

export const dynamic = 'force-dynamic';

function TaskPage({ task, tab }: InferGetServerSidePropsType<typeof getPageProps>) {
  return (
    <main>
      <h1>{task.title}</h1>
      <p>{tab}</p>
    </main>
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
