import { admin } from '../../lib/supabase-admin';

export default async function AdminPage() {
  const { data } = await admin.from('users').select('id').limit(10);
  return <pre>{JSON.stringify(data)}</pre>;
}
