import Head from 'next/head';
import Testimonials from '../components/testimonials';

export default function About() {
  return (
    <>
      <Head>
        <title>About | Standup</title>
      </Head>
      <h1>About us</h1>
      <p>Standup is made by a team of four who got tired of a daily meeting that could have been a message.</p>
      <Testimonials />
    </>
  );
}
