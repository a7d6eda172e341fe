import Link from 'next/link';

export function Nav() {
  return (
    <nav>
      <Link href="/">Tasks</Link>{' '}
      <Link href="/about" className="about">About</Link>
    </nav>
  );
}
