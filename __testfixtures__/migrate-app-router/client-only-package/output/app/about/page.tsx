import type { Metadata } from 'next';
import About from './client-page';

export const metadata: Metadata = {
  title: 'About us',
};

export default function Page() {
  return <About />;
}
