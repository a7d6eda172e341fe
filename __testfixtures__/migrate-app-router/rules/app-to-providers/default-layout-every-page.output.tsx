'use client';

import type { NextPage } from 'next';
import type { ReactElement, ReactNode } from 'react';
import { ThemeProvider } from 'next-themes';

type NextPageWithLayout = NextPage & { getLayout?: (page: ReactElement) => ReactNode };

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider><main className="container">
      {children}
    </main></ThemeProvider>
  );
}
