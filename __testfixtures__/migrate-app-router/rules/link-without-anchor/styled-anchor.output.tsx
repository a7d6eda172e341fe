import Link from 'next/link';
import styled from 'styled-components';
import { Button } from '../components/button';

const NavAnchor = styled.a`
  color: tomato;
`;

export function Nav() {
  return (
    <nav>
      <Link href="/about" legacyBehavior passHref>
        <NavAnchor>About</NavAnchor>
      </Link>
      <Link href="/pricing" passHref legacyBehavior>
        <Button as="a">Pricing</Button>
      </Link>
      <Link href="/blog" className="plain">Blog</Link>
    </nav>
  );
}
