import type { AppProps } from 'next/app';
import type { NextPage } from 'next';
import type { ReactElement, ReactNode } from 'react';
import { ThemeProvider } from 'next-themes';

type NextPageWithLayout = NextPage & { getLayout?: (page: ReactElement) => ReactNode };

export default function App({ Component, pageProps }: AppProps & { Component: NextPageWithLayout }) {
  const getLayout = Component.getLayout ?? ((page) => (
    <main className="container">
      {page}
    </main>
  ));
  return <ThemeProvider>{getLayout(<Component {...pageProps} />)}</ThemeProvider>;
}
