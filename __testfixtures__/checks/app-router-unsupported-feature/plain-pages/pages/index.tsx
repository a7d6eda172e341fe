import Link from 'next/link';

export const config = { runtime: 'nodejs', amp: false };

export default function Home() {
  return <Link href="/news">News</Link>;
}
