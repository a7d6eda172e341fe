import Link from 'next/link';
import styled from 'styled-components';
import { Button } from '../components/button';

const NavAnchor = styled.a`
  color: tomato;
`;

export function Nav() {
  return (
    <nav>
      <Link href="/about">
        <NavAnchor>About</NavAnchor>
      </Link>
      <Link href="/pricing" passHref>
        <Button as="a">Pricing</Button>
      </Link>
      <Link href="/blog" passHref>
        <a className="plain">Blog</a>
      </Link>
    </nav>
  );
}
