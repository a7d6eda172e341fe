'use client';

import { useState } from 'react';
import { useRouter, useParams, useSearchParams } from 'next/navigation';

export default function Team() {
  const router = useRouter();
  const params = useParams() ?? {};
  const searchParams = useSearchParams();

  const query = {
    ...Object.fromEntries(searchParams?.entries() ?? []),
    ...params
  };

  const [count, setCount] = useState(0);
  const { team } = query;
  return (
    <main>
      <h1>Team {team}</h1>
      <button onClick={() => setCount(count + 1)}>Clicked {count}</button>
      <button onClick={() => router.replace(`/dashboard?${new URLSearchParams({ tab: String(team) })}`)}>Back</button>
    </main>
  );
}
