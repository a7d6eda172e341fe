import type { GetServerSideProps } from 'next';
import Link from 'next/link';
import { Nav } from '@/components/nav';
import { listTasks, type Task } from '../lib/tasks';

export const getServerSideProps: GetServerSideProps<{ tasks: Task[] }> = async () => {
  return { props: { tasks: await listTasks() } };
};

export default function Home({ tasks }: { tasks: Task[] }) {
  return (
    <main>
      <Nav />
      <ul>
        {tasks.map((task) => (
          <li key={task.id}>
            <Link href={`/tasks/${task.id}`}>{task.title}</Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
