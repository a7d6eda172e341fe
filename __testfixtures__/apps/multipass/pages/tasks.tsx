import { useRouter } from 'next/navigation';

export default function Tasks() {
  const router = useRouter();
  return <button onClick={() => router.push('/')}>Home</button>;
}
