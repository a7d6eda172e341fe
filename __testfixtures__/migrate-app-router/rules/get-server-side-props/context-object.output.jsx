async function loadSearchData(context) {
  const res = await fetch(`https://api.example.com/search?q=${context.query.q}`);
  return { results: await res.json() };
}

export const revalidate = 60;

export default async function Search({ searchParams }) {
  const { results } = await loadSearchData({ params: {}, query: { ...(await searchParams) } });
  return <ul>{results.map((r) => <li key={r.id}>{r.name}</li>)}</ul>;
}
