import { readSession, SESSION_COOKIE, TRACE_HEADER } from '../../lib/session';

import { headers, cookies } from 'next/headers';
import { redirect } from 'next/navigation';

const loadAccountData = async ({}: { params: {} }) => {
  const session = readSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (!session) return redirect('/login');
  return { name: session.name, trace: (await headers()).get(TRACE_HEADER) ?? null };
};

export const dynamic = 'force-dynamic';

export default async function Account() {
  const { name, trace }: { name: string; trace: string | null } = await loadAccountData({ params: {} });
  return <p title={trace ?? ''}>{name}</p>;
}
