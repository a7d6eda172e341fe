import type { AppContext, AppProps } from 'next/app';
import { CountryProvider, type CountryProps } from '../components/country';

export default function MyApp({ Component, pageProps, country }: AppProps & CountryProps) {
  return (
    <CountryProvider country={country}>
      <Component {...pageProps} />
    </CountryProvider>
  );
}

MyApp.getInitialProps = async ({ ctx }: AppContext) => ({
  country: ctx.req?.headers['X-Country'] ?? 'unknown',
});
