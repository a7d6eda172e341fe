import Link from 'next/link';
import { Button } from '../components/button';

export function Nav() {
  return (
    <nav>
      <Link href="/about">
        <a className="nav-link">About</a>
      </Link>
      <Link href="/blog" passHref legacyBehavior>
        <a>Blog</a>
      </Link>
      <Link href="/contact" legacyBehavior passHref>
        <Button>Contact</Button>
      </Link>
    </nav>
  );
}
