import { Providers } from './providers';

import { loadAppProps } from './app-props';

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const appProps = await loadAppProps();
  return (
    <html lang="en">
      <body><Providers {...appProps}>{children}</Providers></body>
    </html>
  );
}
