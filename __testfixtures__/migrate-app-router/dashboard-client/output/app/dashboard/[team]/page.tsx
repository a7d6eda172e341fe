import DashboardLayout from '../../../components/dashboard-layout';
import Team from './client-page';
import { Suspense } from 'react';

export default function Page() {
  return <DashboardLayout><Suspense fallback={null}><Team /></Suspense></DashboardLayout>;
}
