import type { AppProps } from 'next/app';
import Link from 'next/link';
import { getLayout } from '@vercel/examples-ui';

function App({ Component, pageProps, router }: AppProps) {
  const Layout = getLayout(Component);
  const pathname = router.pathname;

  return (
    <Layout title="Script strategies">
      <Component {...pageProps} />
      {pathname !== '/' && <Link href="/">See all examples</Link>}
    </Layout>
  );
}

export default App;
