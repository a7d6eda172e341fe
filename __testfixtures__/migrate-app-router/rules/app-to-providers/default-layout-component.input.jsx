import SiteLayout from '../components/SiteLayout';
import '../styles/globals.css';

export default function App({ Component, pageProps }) {
  const Layout = Component.Layout || SiteLayout;
  return (
    <Layout>
      <Component {...pageProps} />
    </Layout>
  );
}
