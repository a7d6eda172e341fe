import Link from 'next/link';

export default function NotFound() {
  return (
    <div style={{ padding: '4rem 0' }}>
      <h1>Page not found</h1>
      <Link href="/">Back to the home page</Link>
    </div>
  );
}
