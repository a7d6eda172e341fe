import { useRouter } from 'next/router';
import { useSearchParams } from 'next/navigation';

export default function Settings() {
  const router = useRouter();
  const searchParams = useSearchParams();
  return <button onClick={() => router.push(`/settings?tab=${searchParams?.get('tab')}`)}>Save</button>;
}
