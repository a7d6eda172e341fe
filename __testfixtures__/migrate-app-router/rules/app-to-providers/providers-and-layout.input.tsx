import type { AppProps } from 'next/app';
import type { NextPage } from 'next';
import type { ReactElement, ReactNode } from 'react';
import { ThemeProvider } from '../components/theme';
import '../styles/globals.css';

type PageWithLayout = NextPage & { getLayout?: (page: ReactElement) => ReactNode };

export default function MyApp({ Component, pageProps }: AppProps & { Component: PageWithLayout }) {
  const getLayout = Component.getLayout ?? ((page) => page);
  return <ThemeProvider defaultTheme="light">{getLayout(<Component {...pageProps} />)}</ThemeProvider>;
}
