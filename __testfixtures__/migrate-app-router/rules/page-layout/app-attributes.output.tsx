import { Layout, Page } from '@vercel/examples-ui';

function Home() {
  return <Page>Home</Page>;
}

export default function Page2() {
  return <Layout title="Pagination" path="solutions/pagination"><Home /></Layout>;
}
