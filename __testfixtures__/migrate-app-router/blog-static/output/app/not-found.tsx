import Link from 'next/link';

export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <Link href="/">Back to the blog</Link>
    </main>
  );
}
