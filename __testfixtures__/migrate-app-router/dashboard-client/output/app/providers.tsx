'use client';

import { useEffect, type ReactElement, type ReactNode } from 'react';
import type { NextPage } from 'next';
import type { AppProps } from 'next/app';
import { ThemeProvider } from '../components/theme';
import { pageview } from '../lib/analytics';
import { usePathname, useSearchParams } from 'next/navigation';

export type NextPageWithLayout = NextPage & {
  getLayout?: (page: ReactElement) => ReactNode;
};

type AppPropsWithLayout = AppProps & {
  Component: NextPageWithLayout;
};

export function Providers({ children }: { children: React.ReactNode }) {
  const pathname = usePathname() ?? '';
  const searchParams = useSearchParams();
  useEffect(() => {
    const handleRouteChange = (url: string) => pageview(url);
    handleRouteChange(searchParams?.size ? `${pathname}?${searchParams}` : pathname);
  }, [pathname, searchParams]);
  return <ThemeProvider>{children}</ThemeProvider>;
}
