'use client';

import { useEffect, useState } from 'react';
import { supabase } from '@/lib/supabase';

export default function Tasks({ userId }: { userId: string }) {
  const [tasks, setTasks] = useState<Array<{ id: string; done: boolean }>>([]);
  useEffect(() => {
    supabase.from('tasks').select('*').eq('owner', userId).range(0, 49).then(({ data }) => setTasks(data ?? []));
  }, [userId]);
  const open = tasks.filter((task) => !task.done);
  return <ul>{open.map((task) => <li key={task.id}>{task.id}</li>)}</ul>;
}
