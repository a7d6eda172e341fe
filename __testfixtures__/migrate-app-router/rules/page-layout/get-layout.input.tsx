import type { ReactElement } from 'react';
import DashboardLayout from '../../components/dashboard-layout';

export default function Settings() {
  return <p>Settings</p>;
}

Settings.getLayout = function getLayout(page: ReactElement) {
  return <DashboardLayout title="Settings">{page}</DashboardLayout>;
};
