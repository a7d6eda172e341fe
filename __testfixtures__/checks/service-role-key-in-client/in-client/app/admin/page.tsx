'use client';
import { admin } from '../../lib/supabase-admin';

export default function AdminPage() {
  return <button onClick={() => admin.from('users').delete().eq('id', 1)}>Delete</button>;
}
