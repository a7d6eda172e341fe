import Link from 'next/link';

export function Nav() {
  return (
    <Link href="/about" className="nav-link">
      About
    </Link>
  );
}
