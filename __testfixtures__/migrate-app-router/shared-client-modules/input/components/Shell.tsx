import type { ReactNode } from 'react';
import MobileNav from './MobileNav';

export function Shell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <MobileNav />
      <h1>{title}</h1>
      {children}
    </section>
  );
}
