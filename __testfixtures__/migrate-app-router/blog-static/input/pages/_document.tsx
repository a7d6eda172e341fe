import { Html, Head, Main, NextScript } from 'next/document';

export default function Document() {
  return (
    <Html lang="en">
      <Head>
        <link rel="preconnect" href="https://fonts.example.com" />
      </Head>
      <body className="blog">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
