import type { AppProps } from 'next/app';
import { DefaultSeo } from 'next-seo';
import { siteConfig } from '../lib/site';

export default function App({ Component, pageProps }: AppProps) {
  return (
    <>
      <DefaultSeo title={siteConfig.name} description={siteConfig.description} />
      <Component {...pageProps} />
    </>
  );
}
