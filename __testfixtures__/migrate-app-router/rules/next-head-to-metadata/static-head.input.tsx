import Head from 'next/head';

export default function About() {
  return (
    <>
      <Head>
        <title>About us</title>
        <meta name="description" content="Who we are" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f172a" />
        <meta property="og:image" content="https://example.com/og.png" />
        <link rel="icon" href="/favicon.ico" />
      </Head>
      <h1>About us</h1>
    </>
  );
}
