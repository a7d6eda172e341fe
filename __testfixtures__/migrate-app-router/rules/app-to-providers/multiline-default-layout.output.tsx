'use client';

import type { NextPage } from 'next';
import type { ReactElement, ReactNode } from 'react';
import { ThemeProvider } from 'next-themes';

type NextPageWithLayout = NextPage & { getLayout?: (page: ReactElement) => ReactNode };

// TODO(shipshape): pages without a layout of their own got `(page => (<main className="container">{page}</main>))` from `_app`: render it from those pages (or a nested `layout.tsx`)
export function Providers({ children }: { children: React.ReactNode }) {
  return <ThemeProvider>{children}</ThemeProvider>;
}
