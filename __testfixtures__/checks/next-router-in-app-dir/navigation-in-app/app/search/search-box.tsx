'use client';

import { useRouter } from 'next/navigation';
import { useRouter as useCompatRouter } from 'next/compat/router';

export function SearchBox() {
  const router = useRouter();
  const compat = useCompatRouter();
  return <input onChange={(event) => router.push(`/search?q=${event.target.value}${compat ? '' : ''}`)} />;
}
