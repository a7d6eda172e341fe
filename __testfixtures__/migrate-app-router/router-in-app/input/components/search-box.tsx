import { useRouter } from 'next/router';

export function SearchBox() {
  const router = useRouter();
  return <input defaultValue={router.query.q} onChange={(event) => router.replace({ pathname: '/search', query: { q: event.target.value } })} />;
}
