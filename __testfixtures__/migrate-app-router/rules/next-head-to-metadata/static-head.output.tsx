import type { Metadata, Viewport } from 'next';

export const metadata: Metadata = {
  title: 'About us',
  description: 'Who we are',
  openGraph: { images: ['https://example.com/og.png'] },
  icons: { icon: '/favicon.ico' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0f172a',
};

export default function About() {
  return (
    <>
      <h1>About us</h1>
    </>
  );
}
