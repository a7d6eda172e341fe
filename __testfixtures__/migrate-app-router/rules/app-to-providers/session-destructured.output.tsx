'use client';

import { SessionProvider } from 'next-auth/react';

// TODO(shipshape): `session={session}` came from a page's props, which the root layout does not have: the provider now goes without; pass the value from the root layout if it needs one
export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <SessionProvider>
      {children}
    </SessionProvider>
  );
}
