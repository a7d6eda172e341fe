import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'About us: the team\'s `story`',
  description: 'Who we are, and why it\'s \'us\'',
};

export default function About() {
  return (
    <main>
      <h1>About</h1>
    </main>
  );
}
