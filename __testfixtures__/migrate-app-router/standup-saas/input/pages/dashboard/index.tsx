import Head from 'next/head';
import { useRouter } from 'next/router';
import { useEffect, useState, type ReactElement } from 'react';
import AppLayout from '../../components/app-layout';
import { openTeam } from '../../lib/navigation';
import type { NextPageWithLayout } from '../_app';

type Update = { id: string; author: string; text: string; blocker: boolean };

const TABS = ['updates', 'blockers'] as const;

const Dashboard: NextPageWithLayout = () => {
  const router = useRouter();
  const tab = router.query.tab === 'blockers' ? 'blockers' : 'updates';
  const [updates, setUpdates] = useState<Update[]>([]);

  useEffect(() => {
    setUpdates([
      { id: '1', author: 'Ada', text: 'Shipped webhooks retries', blocker: false },
      { id: '2', author: 'Linus', text: 'Waiting on the Slack app review', blocker: true },
    ]);
  }, []);

  const shown = tab === 'blockers' ? updates.filter((update) => update.blocker) : updates;

  return (
    <>
      <Head>
        <title>Today | Standup</title>
      </Head>
      <h1>Today</h1>
      <div role="tablist">
        {TABS.map((name) => (
          <button key={name} role="tab" aria-selected={tab === name} onClick={() => router.push({ pathname: '/dashboard', query: { tab: name } })}>
            {name}
          </button>
        ))}
      </div>
      <ul>
        {shown.map((update) => (
          <li key={update.id}>
            <strong>{update.author}</strong>: {update.text}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => openTeam(router, 'core')}>
        Open the core team
      </button>
    </>
  );
};

Dashboard.getLayout = function getLayout(page: ReactElement) {
  return <AppLayout>{page}</AppLayout>;
};

export default Dashboard;
