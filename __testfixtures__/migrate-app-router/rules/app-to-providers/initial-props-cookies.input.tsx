import App, { type AppContext, type AppProps } from 'next/app';
import { useState } from 'react';
import { getCookie, setCookie } from 'ez-cookies';
import { ThemeProvider, type Scheme } from '../components/theme';

const MyApp = ({ Component, pageProps, scheme: initialScheme, locale }: AppProps & { scheme: Scheme; locale: string | null }) => {
  const [scheme, setScheme] = useState(initialScheme);
  const toggle = () => {
    const next = scheme === 'dark' ? 'light' : 'dark';
    setScheme(next);
    setCookie('scheme', next);
  };
  return (
    <ThemeProvider scheme={scheme} locale={locale} onToggle={toggle}>
      <Component {...pageProps} />
    </ThemeProvider>
  );
};

MyApp.getInitialProps = async (appContext: AppContext) => {
  const appProps = await App.getInitialProps(appContext);
  return {
    ...appProps,
    scheme: (getCookie('scheme', { req: appContext.ctx.req }) || 'light') as Scheme,
    locale: appContext.ctx.req?.headers['Accept-Language'] ?? null,
  };
};

export default MyApp;
