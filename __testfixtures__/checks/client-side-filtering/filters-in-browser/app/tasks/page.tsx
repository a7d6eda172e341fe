'use client';

import { useEffect, useState } from 'react';
import { supabase } from '@/lib/supabase';

export default function Tasks({ userId }: { userId: string }) {
  const [tasks, setTasks] = useState<Array<{ id: string; owner: string; done: boolean }>>([]);
  useEffect(() => {
    supabase.from('tasks').select('*').then(({ data }) => setTasks(data ?? []));
  }, []);
  const mine = tasks.filter((task) => task.owner === userId && !task.done);
  return <ul>{mine.map((task) => <li key={task.id}>{task.id}</li>)}</ul>;
}

export async function Archive() {
  const { data: rows } = await supabase.from('archive').select('id, owner');
  return (rows ?? []).filter((row) => row.owner === 'me').length;
}
