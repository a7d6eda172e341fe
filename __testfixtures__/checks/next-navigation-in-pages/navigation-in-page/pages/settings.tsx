import { useRouter, usePathname } from 'next/navigation';

export default function Settings() {
  const router = useRouter();
  const pathname = usePathname();
  return <button onClick={() => router.push(pathname + '?saved=1')}>Save</button>;
}
