// import { redis } from '../lib/redis';
import { redis } from '../../lib/redis';
import Read from './client-page';

async function fetchPages(id) {
  const cached = redis ? await redis.get(`pages:${id}`) : null;
  if (cached) return JSON.parse(cached);
  const response = await fetch(`https://example.com/pages/${id}`);
  return response.json();
}

async function loadReadData({ query }) {
  return { pages: await fetchPages(query.id) };
}

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }) {
  const props = await loadReadData({ params: {}, query: { ...(await searchParams) } });
  return <Read {...props} />;
}
