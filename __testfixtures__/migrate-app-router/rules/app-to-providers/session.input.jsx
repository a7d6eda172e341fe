import { SessionProvider } from 'next-auth/react';
import Layout from '../components/layout';

function App({ Component, pageProps }) {
  const Layout2 = Component.Layout || Layout;
  return (
    <SessionProvider session={pageProps.session}>
      <Layout2>
        <Component {...pageProps} />
      </Layout2>
    </SessionProvider>
  );
}

export default App;
