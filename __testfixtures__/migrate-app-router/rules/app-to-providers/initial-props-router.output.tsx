'use client';

import App, { type AppContext } from 'next/app';
import { ThemeProvider } from '../components/theme';

export const Providers = ({
  children,
  locale
}: { children: React.ReactNode } & Partial<{ locale: string }>) => {
  return (
    <ThemeProvider locale={locale}>
      {children}
    </ThemeProvider>
  );
};

// TODO(shipshape): the App's `getInitialProps` never runs in the App Router: read cookies and data in the root layout (`cookies()`) and pass them to `Providers`
Providers.getInitialProps = async (appContext: AppContext) => {
  const appProps = await App.getInitialProps(appContext);
  return { ...appProps, locale: appContext.router.locale ?? 'en' };
};
