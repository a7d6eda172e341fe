'use client';

import { DefaultSeo } from 'next-seo';
import { siteConfig } from '../lib/site';

export function Providers({ children }: { children: React.ReactNode }) {
  // TODO(shipshape): `<DefaultSeo>` from `next-seo` does nothing in the App Router: move its props to `export const metadata` in the root layout
  return (
    <>
      <DefaultSeo title={siteConfig.name} description={siteConfig.description} />
      {children}
    </>
  );
}
