import Link from 'next/link';
import { Nav } from '@/components/nav';
import { listTasks, type Task } from '../lib/tasks';

const getPageProps = async () => {
  return { props: { tasks: await listTasks() } };
};

export const dynamic = 'force-dynamic';

function Home({ tasks }: { tasks: Task[] }) {
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

export default async function Page() {
  const result = await getPageProps();
  return <Home {...result.props} />;
}
