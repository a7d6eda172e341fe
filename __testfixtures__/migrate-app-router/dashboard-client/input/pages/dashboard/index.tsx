import type { ReactElement } from 'react';
import { useRouter } from 'next/router';
import DashboardLayout from '../../components/dashboard-layout';
import type { NextPageWithLayout } from '../_app';

const Dashboard: NextPageWithLayout = () => {
  const router = useRouter();
  const tab = typeof router.query.tab === 'string' ? router.query.tab : 'overview';
  return (
    <main>
      <h1>Dashboard: {tab}</h1>
      <button onClick={() => router.push({ pathname: '/dashboard/[team]', query: { team: 'core', tab: 'members' } })}>Core team</button>
    </main>
  );
};

Dashboard.getLayout = function getLayout(page: ReactElement) {
  return <DashboardLayout>{page}</DashboardLayout>;
};

export default Dashboard;
