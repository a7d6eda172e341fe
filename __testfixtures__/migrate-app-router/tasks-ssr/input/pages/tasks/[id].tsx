import type { GetServerSidePropsContext, InferGetServerSidePropsType } from 'next';
import { getTask } from '../../lib/tasks';

export async function getServerSideProps({ params, req }: GetServerSidePropsContext<{ id: string }>) {
  if (params!.id === 'latest') {
    return { redirect: { destination: '/tasks/1', permanent: false } };
  }
  const task = await getTask(params!.id);
  if (!task) {
    return { notFound: true };
  }
  return { props: { task, viewer: req.cookies.viewer ?? 'guest' } };
}

export default function TaskPage({ task, viewer }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  return (
    <article>
      <h1>{task.title}</h1>
      <p>{task.done ? 'Done' : 'Open'}, seen by {viewer}</p>
    </article>
  );
}
