import { Layout, Page } from '@vercel/examples-ui';

function Home() {
  return <Page>Home</Page>;
}

Home.Layout = Layout;

export default Home;
