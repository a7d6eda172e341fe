'use client';

import { useEffect, useState } from 'react';
import { createClient } from '@supabase/supabase-js';
import { track } from 'vendor-analytics'; // shipshape-ignore undeclared-dependency -- injected by the hosting platform

const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export default function Dashboard() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    track('dashboard');
    admin.from('tasks').select('*', { count: 'exact', head: true }).then(({ count }) => setCount(count ?? 0));
  }, []);
  return <p>{count} tasks</p>;
}
