import { NextSeo } from 'next-seo';

import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'Pricing',
  description: 'Plans for every team',
  robots: { index: false },
  openGraph: { url: 'https://example.com/pricing', siteName: 'Example', images: [{ url: 'https://example.com/og.png', width: 1200, height: 630 }] },
  twitter: { creator: '@example', card: 'summary_large_image' },
  alternates: { canonical: 'https://example.com/pricing' },
};

export default function Pricing() {
  // TODO(shipshape): `next-seo` writes through `next/head`, which renders nothing in the App Router: move what is left on `<NextSeo>` into `metadata` by hand
  return (
    <>
      <NextSeo additionalMetaTags={[{ name: 'x-plan', content: 'pro' }]} />
      <h1>Pricing</h1>
    </>
  );
}
