import type { ReactElement, ReactNode } from 'react';
import type { NextPage } from 'next';
import type { AppProps } from 'next/app';
import Head from 'next/head';
import ErrorBoundary from '../components/error-boundary';
import SiteLayout from '../components/site-layout';
import '../styles/globals.css';

export type NextPageWithLayout<P = Record<string, unknown>> = NextPage<P> & {
  getLayout?: (page: ReactElement) => ReactNode;
};

type AppPropsWithLayout = AppProps & {
  Component: NextPageWithLayout;
};

export default function StandupApp({ Component, pageProps }: AppPropsWithLayout) {
  // Marketing pages share the site chrome; the dashboard and docs bring their own layout.
  const getLayout =
    Component.getLayout ??
    ((page) => (
      <SiteLayout>
        {page}
      </SiteLayout>
    ));

  return (
    <ErrorBoundary>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      {getLayout(<Component {...pageProps} />)}
    </ErrorBoundary>
  );
}
