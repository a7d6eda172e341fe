import { NextSeo } from 'next-seo';

export default function Pricing() {
  return (
    <>
      <NextSeo
        title="Pricing"
        description="Plans for every team"
        canonical="https://example.com/pricing"
        noindex
        openGraph={{
          url: 'https://example.com/pricing',
          site_name: 'Example',
          images: [{ url: 'https://example.com/og.png', width: 1200, height: 630 }],
        }}
        twitter={{ handle: '@example', cardType: 'summary_large_image' }}
        additionalMetaTags={[{ name: 'x-plan', content: 'pro' }]}
      />
      <h1>Pricing</h1>
    </>
  );
}
