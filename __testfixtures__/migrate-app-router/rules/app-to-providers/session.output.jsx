'use client';

import { SessionProvider } from 'next-auth/react';
import Layout from '../components/layout';

// TODO(shipshape): pages without a layout of their own got `Layout` from `_app`: render it from those pages (or a nested `layout.tsx`)
// TODO(shipshape): `session={pageProps.session}` came from a page's props, which the root layout does not have: the provider now goes without; pass the value from the root layout if it needs one
export function Providers({ children }) {
  return (
    <SessionProvider>
      <>
        {children}
      </>
    </SessionProvider>
  );
}
