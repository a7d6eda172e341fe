'use client';

import ErrorPage from './error';

export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <ErrorPage />
      </body>
    </html>
  );
}
