import { useRouter, useParams, usePathname, useSearchParams } from 'next/navigation';

export default function TaskFilters() {
  const router = useRouter();
  const params = useParams() ?? {};
  const searchParams = useSearchParams();

  const query = {
    ...Object.fromEntries(searchParams?.entries() ?? []),
    ...params
  };

  const pathname = usePathname() ?? '';
  const asPath = searchParams?.size ? `${pathname}?${searchParams}` : pathname;
  const status = query.status as string | undefined;
  const open = () => router.push(`/tasks/${query.id}?${new URLSearchParams({ tab: 'comments' })}`);
  // TODO(shipshape): `shallow` and `locale` navigation options are gone: update the URL with `window.history.pushState` for a shallow change
  const search = (q: string) => router.replace(`/tasks?${new URLSearchParams({ q })}`);
  return (
    <nav>
      <p>{pathname} {asPath} {status}</p>
      <button onClick={open}>Open</button>
      <button onClick={() => search('x')}>Search</button>
      <button onClick={() => router.back()}>Back</button>
    </nav>
  );
}
