'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { useTheme } from './theme';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  const { theme, toggle } = useTheme();
  return (
    <div className={theme}>
      <nav>
        <Link href="/dashboard">Overview</Link> <button onClick={toggle}>Theme</button>
      </nav>
      {children}
    </div>
  );
}
