// TODO(shipshape): the custom Document's `getInitialProps` (often CSS-in-JS style collection) has no App Router equivalent: use your CSS library's App Router setup (a style registry client component)
export default function RootLayout({ children }) {
  return (
    <html>
      <head />
      <body>
        {children}
      </body>
    </html>
  );
}
