import DashboardLayout from '../../components/dashboard-layout';
import Dashboard from './client-page';
import { Suspense } from 'react';

export default function Page() {
  return <DashboardLayout><Suspense fallback={null}><Dashboard /></Suspense></DashboardLayout>;
}
