import { useState } from 'react';
// import { redis } from '../lib/redis';
import { redis } from '../lib/redis';

export default function Read({ pages }) {
  const [page, setPage] = useState(0);
  return <img src={pages[page]} onClick={() => setPage(page + 1)} />;
}

async function fetchPages(id) {
  const cached = redis ? await redis.get(`pages:${id}`) : null;
  if (cached) return JSON.parse(cached);
  const response = await fetch(`https://example.com/pages/${id}`);
  return response.json();
}

export async function getServerSideProps({ query }) {
  return { props: { pages: await fetchPages(query.id) } };
}
