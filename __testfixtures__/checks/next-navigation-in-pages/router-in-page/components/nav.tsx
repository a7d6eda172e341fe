import { useRouter } from 'next/navigation';

export function Nav() {
  const router = useRouter();
  return <button onClick={() => router.back()}>Back</button>;
}
