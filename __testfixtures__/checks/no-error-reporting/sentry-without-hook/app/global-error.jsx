'use client';

export default function GlobalError() {
  return (
    <html lang="en">
      <body>Something went wrong</body>
    </html>
  );
}
