'use client';

import SiteLayout from '../components/SiteLayout';

export function Providers({ children }) {
  return (
    <SiteLayout>
      {children}
    </SiteLayout>
  );
}
