import Head from 'next/head';

export default function About() {
  return (
    <main>
      <Head>
        <title>
          About   us:
          the team's `story`
        </title>
        <meta name="description" content="Who we are, and why it's 'us'" />
      </Head>
      <h1>About</h1>
    </main>
  );
}
