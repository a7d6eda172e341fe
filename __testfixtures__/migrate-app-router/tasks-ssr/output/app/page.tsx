import Link from 'next/link';
import { Nav } from '@/components/nav';
import { listTasks, type Task } from '../lib/tasks';

const loadHomeData = async () => {
  return { tasks: await listTasks() };
};

export const dynamic = 'force-dynamic';

export default async function Home() {
  const { tasks }: { tasks: Task[] } = await loadHomeData();
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
