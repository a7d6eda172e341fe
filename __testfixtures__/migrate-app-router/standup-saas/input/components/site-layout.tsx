import Link from 'next/link';
import { useRouter } from 'next/router';
import type { ReactNode } from 'react';

const NAV = [
  { href: '/pricing', label: 'Pricing' },
  { href: '/blog', label: 'Blog' },
  { href: '/docs', label: 'Docs' },
  { href: '/changelog', label: 'Changelog' },
];

export default function SiteLayout({ children }: { children: ReactNode }) {
  const { pathname } = useRouter();
  return (
    <>
      <header className="container">
        <nav style={{ display: 'flex', gap: '1rem', padding: '1rem 0' }}>
          <Link href="/">
            <strong>Standup</strong>
          </Link>
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} style={{ fontWeight: pathname.startsWith(item.href) ? 700 : 400 }}>
              {item.label}
            </Link>
          ))}
          <Link href="/login" style={{ marginLeft: 'auto' }}>
            Log in
          </Link>
        </nav>
      </header>
      <main className="container">{children}</main>
      <footer className="container" style={{ padding: '2rem 0', color: '#64748b' }}>
        <Link href="/legal/privacy">Privacy</Link> · <Link href="/legal/terms">Terms</Link> · <Link href="/contact">Contact</Link>
      </footer>
    </>
  );
}
