'use client';

import { useRouter } from 'next/router';

export function SearchBox() {
  const router = useRouter();
  return <input onChange={(event) => router.push(`/search?q=${event.target.value}`)} />;
}
