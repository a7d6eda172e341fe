import type { GetServerSideProps, InferGetServerSidePropsType } from 'next';
import { getTask } from '../../lib/tasks';

export const getServerSideProps = (async ({ params, query, req }) => {
  if (!req.cookies.session) {
    return { redirect: { destination: '/login', permanent: false } };
  }
  const task = await getTask(params!.id as string, req.headers['Accept-Language']);
  if (!task) return { notFound: true };
  return { props: { task, tab: (query.tab as string) ?? 'details' } };
}) satisfies GetServerSideProps;

export default function TaskPage({ task, tab }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  return (
    <main>
      <h1>{task.title}</h1>
      <p>{tab}</p>
    </main>
  );
}
