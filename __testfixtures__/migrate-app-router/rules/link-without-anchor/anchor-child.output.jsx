import Link from 'next/link';
import { Button } from '../components/button';

export function Nav() {
  return (
    <nav>
      <Link href="/about" className="nav-link">About</Link>
      <Link href="/blog">Blog</Link>
      <Link href="/contact" legacyBehavior passHref>
        <Button>Contact</Button>
      </Link>
    </nav>
  );
}
