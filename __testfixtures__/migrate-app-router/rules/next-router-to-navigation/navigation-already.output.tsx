'use client';

import { useRouter, useSearchParams } from 'next/navigation';

export default function Search() {
  const router = useRouter();
  const searchParams = useSearchParams();
  return <button onClick={() => router.push(`/search?q=${searchParams.get('q') ?? ''}`)}>Again</button>;
}
