import Link from 'next/link';
import { usePathname } from 'next/navigation';

export default function SideNav({ links }: { links: Array<{ href: string; label: string }> }) {
  const pathname = usePathname() ?? '';
  const current = pathname;
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
