import Link from 'next/link';
import { Button } from '../components/button';

export function Nav() {
  // TODO(shipshape): `legacyBehavior` passes `href` and `onClick` to a child component: render the component inside `<Link>` (or use its `as` prop) and drop `legacyBehavior`
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
