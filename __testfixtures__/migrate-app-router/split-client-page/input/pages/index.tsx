// The landing page: static, no browser code.
import Link from 'next/link';

export default function Home() {
  return (
    <main>
      <Link href="/item?id=1">First item</Link>
    </main>
  );
}
