'use client';

import { SessionProvider } from 'next-auth/react';
import Layout from '../components/layout';

// TODO(shipshape): pages without a layout of their own got `Layout` from `_app`: render it from those pages (or a nested `layout.tsx`)
// TODO(shipshape): `pageProps` are gone in the App Router: fetch what the providers need in the root layout and pass it as props
export function Providers({ children }) {
  return (
    <SessionProvider session={pageProps.session}>
      <>
        {children}
      </>
    </SessionProvider>
  );
}
