import { Layout } from '@vercel/examples-ui';

async function getPageProps() {
  return { props: { name: 'Site' } };
}

function About({ name }: { name: string }) {
  return <p>{name}</p>;
}

export default async function Page() {
  const result = await getPageProps();
  return <Layout title={result.props.name} path="sites"><About {...result.props} /></Layout>;
}
