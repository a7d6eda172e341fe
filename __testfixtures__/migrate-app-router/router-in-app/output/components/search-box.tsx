'use client';

// TODO(shipshape): `useSearchParams()` needs a `<Suspense>` boundary around this component where a statically rendered page uses it, or `next build` stops
import { useRouter, useParams, useSearchParams } from 'next/navigation';

export function SearchBox() {
  const router = useRouter();
  const params = useParams() ?? {};
  const searchParams = useSearchParams();

  const query = {
    ...Object.fromEntries(searchParams?.entries() ?? []),
    ...params
  };

  return <input defaultValue={query.q} onChange={(event) => router.replace(`/search?${new URLSearchParams({ q: event.target.value })}`)} />;
}
