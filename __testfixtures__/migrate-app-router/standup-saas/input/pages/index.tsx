import Head from 'next/head';
import Link from 'next/link';
import ButtonLink from '../components/button-link';
import PricingTeaser from '../components/pricing-teaser';
import Testimonials from '../components/testimonials';

export default function Home() {
  return (
    <>
      <Head>
        <title>Standup: daily stand-ups in writing</title>
        <meta name="description" content="Replace your daily meeting with three lines of text and a Slack summary." />
      </Head>
      <section style={{ padding: '4rem 0' }}>
        <h1>Stand-ups without the meeting</h1>
        <p>Everyone writes three lines. Standup posts the summary where your team already is.</p>
        <Link href="/login?next=/dashboard" passHref legacyBehavior>
          <ButtonLink>Start for free</ButtonLink>
        </Link>{' '}
        <Link href="/docs/getting-started" passHref legacyBehavior>
          <ButtonLink variant="secondary">Read the guide</ButtonLink>
        </Link>
      </section>
      <PricingTeaser />
      <Testimonials />
    </>
  );
}
