import { Layout } from '@vercel/examples-ui';

async function getPageProps() {
  return { props: { name: 'Site' } };
}

function About({ name }: { name: string }) {
  return <p>{name}</p>;
}

About.Layout = Layout;

export default async function Page() {
  const result = await getPageProps();
  return <About {...result.props} />;
}
