'use client';

import { SessionProvider } from 'next-auth/react';
import Layout from '../components/layout';

// TODO(shipshape): `pageProps` are gone in the App Router: fetch what the providers need in the root layout and pass it as props
export function Providers({ children }) {
  // TODO(shipshape): `Layout` falls back to a layout for pages without one: in the App Router, render that layout from those pages (or a nested `layout.tsx`)
  const Layout2 = Component.Layout || Layout;
  return (
    <SessionProvider session={pageProps.session}>
      <Layout2>
        {children}
      </Layout2>
    </SessionProvider>
  );
}
