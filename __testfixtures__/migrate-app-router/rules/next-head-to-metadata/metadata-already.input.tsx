import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'About us' };

export default function About() {
  return <h1>About us</h1>;
}
