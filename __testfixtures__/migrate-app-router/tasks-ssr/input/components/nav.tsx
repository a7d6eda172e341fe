import Link from 'next/link';

export function Nav() {
  return (
    <nav>
      <Link href="/">
        <a>Tasks</a>
      </Link>{' '}
      <Link href="/about" passHref>
        <a className="about">About</a>
      </Link>
    </nav>
  );
}
