// TODO(shipshape): `res` from the getServerSideProps context: the response object is gone: set headers and cookies in middleware or a route handler
async function getPageProps(context) {
  const res = await fetch(`https://api.example.com/search?q=${context.query.q}`);
  context.res.setHeader('Cache-Control', 's-maxage=60');
  return { props: { results: await res.json() } };
}

export const dynamic = 'force-dynamic';

function Search({ results }) {
  return <ul>{results.map((r) => <li key={r.id}>{r.name}</li>)}</ul>;
}

export default async function Page({ searchParams }) {
  const result = await getPageProps({ params: {}, query: { ...(await searchParams) } });
  return <Search {...result.props} />;
}
