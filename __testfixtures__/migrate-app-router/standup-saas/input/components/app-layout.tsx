import Link from 'next/link';
import { useRouter } from 'next/router';
import type { ReactNode } from 'react';

const LINKS = [
  { href: '/dashboard', label: 'Today' },
  { href: '/dashboard/teams/core', label: 'Core team' },
  { href: '/dashboard/settings', label: 'Settings' },
];

export default function AppLayout({ children }: { children: ReactNode }) {
  const router = useRouter();
  // asPath keeps the query string, so "Today" stays highlighted on /dashboard?tab=blockers.
  const current = router.asPath.split('?')[0];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', minHeight: '100vh' }}>
      <aside style={{ background: '#f8fafc', padding: '1rem' }}>
        {LINKS.map((link) => (
          <div key={link.href}>
            <Link href={link.href} aria-current={current === link.href ? 'page' : undefined}>
              {link.label}
            </Link>
          </div>
        ))}
      </aside>
      <section style={{ padding: '1rem 2rem' }}>{children}</section>
    </div>
  );
}
