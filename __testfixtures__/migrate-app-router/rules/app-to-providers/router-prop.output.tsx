'use client';

import Link from 'next/link';
import { getLayout } from '@vercel/examples-ui';

import { useRouter } from 'next/router';

// TODO(shipshape): pages without a layout of their own got the one `getLayout(Component)` picks from `_app`: render it from those pages (or a nested `layout.tsx`)
export function Providers({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const pathname = router.pathname;

  return (
    <>
      {children}
      {pathname !== '/' && <Link href="/">See all examples</Link>}
    </>
  );
}
