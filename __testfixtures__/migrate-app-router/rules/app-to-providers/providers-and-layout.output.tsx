'use client';

import type { NextPage } from 'next';
import type { ReactElement, ReactNode } from 'react';
import { ThemeProvider } from '../components/theme';

type PageWithLayout = NextPage & { getLayout?: (page: ReactElement) => ReactNode };

export function Providers({ children }: { children: React.ReactNode }) {
  return <ThemeProvider defaultTheme="light">{children}</ThemeProvider>;
}
