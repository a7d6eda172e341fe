import { useRouter } from 'next/router';

export default function TaskFilters() {
  const router = useRouter();
  if (!router.isReady) return null;
  const status = router.query.status as string | undefined;
  const open = () => router.push({ pathname: '/tasks/[id]', query: { id: router.query.id, tab: 'comments' } });
  const search = (q: string) => router.replace({ pathname: '/tasks', query: { q } }, undefined, { shallow: true });
  return (
    <nav>
      <p>{router.pathname} {router.asPath} {status}</p>
      <button onClick={open}>Open</button>
      <button onClick={() => search('x')}>Search</button>
      <button onClick={() => router.back()}>Back</button>
    </nav>
  );
}
