import { useState } from 'react';
import { useRouter } from 'next/router';
import DashboardLayout from '../../components/dashboard-layout';

export default function Team() {
  const router = useRouter();
  const [count, setCount] = useState(0);
  const { team } = router.query;
  return (
    <main>
      <h1>Team {team}</h1>
      <button onClick={() => setCount(count + 1)}>Clicked {count}</button>
      <button onClick={() => router.replace({ pathname: '/dashboard', query: { tab: String(team) } })}>Back</button>
    </main>
  );
}

Team.Layout = DashboardLayout;
