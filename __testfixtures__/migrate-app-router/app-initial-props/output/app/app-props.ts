import type { Scheme } from '../components/theme';

import { cookies } from 'next/headers';

export async function loadAppProps() {
  return {
    scheme: ((await cookies()).get('scheme')?.value || 'light') as Scheme,
  };
}

export type LoadedAppProps = Awaited<ReturnType<typeof loadAppProps>>;
