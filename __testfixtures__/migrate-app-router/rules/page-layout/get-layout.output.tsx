import DashboardLayout from '../../components/dashboard-layout';

function Settings() {
  return <p>Settings</p>;
}

export default function Page() {
  return <DashboardLayout title="Settings"><Settings /></DashboardLayout>;
}
