'use client';

import type { NextPageWithLayout } from '../providers';
import { useRouter, useParams, useSearchParams } from 'next/navigation';

const Dashboard: NextPageWithLayout = () => {
  const router = useRouter();
  const params = useParams() ?? {};
  const searchParams = useSearchParams();

  const query = {
    ...Object.fromEntries(searchParams?.entries() ?? []),
    ...params
  };

  const tab = typeof query.tab === 'string' ? query.tab : 'overview';
  return (
    <main>
      <h1>Dashboard: {tab}</h1>
      <button onClick={() => router.push(`/dashboard/core?${new URLSearchParams({ tab: 'members' })}`)}>Core team</button>
    </main>
  );
};

export default Dashboard;
