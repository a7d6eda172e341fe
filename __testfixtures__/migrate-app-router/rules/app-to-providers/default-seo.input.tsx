import type { AppProps } from 'next/app';
import { DefaultSeo } from 'next-seo';
import { Analytics } from '@vercel/analytics/react';

export default function App({ Component, pageProps }: AppProps) {
  return (
    <>
      <DefaultSeo
        title="Acme"
        titleTemplate="%s | Acme"
        description="Tools for teams"
        openGraph={{ type: 'website', url: 'https://acme.dev', siteName: 'Acme' }}
        twitter={{ handle: '@acme', cardType: 'summary_large_image' }}
      />
      <Component {...pageProps} />
      <Analytics />
    </>
  );
}
