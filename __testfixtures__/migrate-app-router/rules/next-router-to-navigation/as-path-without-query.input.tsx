import Link from 'next/link';
import { useRouter } from 'next/router';

export default function SideNav({ links }: { links: Array<{ href: string; label: string }> }) {
  const router = useRouter();
  const current = router.asPath.split('?')[0];
  return (
    <nav>
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={current === link.href ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
