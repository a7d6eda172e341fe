export async function getServerSideProps(context) {
  const res = await fetch(`https://api.example.com/search?q=${context.query.q}`);
  context.res.setHeader('Cache-Control', 's-maxage=60');
  return { props: { results: await res.json() } };
}

export default function Search({ results }) {
  return <ul>{results.map((r) => <li key={r.id}>{r.name}</li>)}</ul>;
}
