import '../styles/globals.css';
import { Providers } from './providers';
import { Suspense } from 'react';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body><Suspense fallback={null}><Providers>{children}</Providers></Suspense></body>
    </html>
  );
}
