import Link from 'next/link';
import { useEffect, useState } from 'react';
import { supabase } from '@/lib/supabase';

export default function Home() {
  const [tasks, setTasks] = useState<{ id: string; title: string }[]>([]);
  useEffect(() => {
    supabase.from('tasks').select('*').then(({ data }) => setTasks(data ?? []));
  }, []);
  return (
    <main>
      <h1>TaskPilot</h1>
      <ul>{tasks.map((t) => <li key={t.id}><Link href={`/tasks/${t.id}`}>{t.title}</Link></li>)}</ul>
    </main>
  );
}
