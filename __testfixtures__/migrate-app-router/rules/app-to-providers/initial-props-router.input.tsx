import App, { type AppContext, type AppProps } from 'next/app';
import { ThemeProvider } from '../components/theme';

const MyApp = ({ Component, pageProps, locale }: AppProps & { locale: string }) => {
  return (
    <ThemeProvider locale={locale}>
      <Component {...pageProps} />
    </ThemeProvider>
  );
};

MyApp.getInitialProps = async (appContext: AppContext) => {
  const appProps = await App.getInitialProps(appContext);
  return { ...appProps, locale: appContext.router.locale ?? 'en' };
};

export default MyApp;
