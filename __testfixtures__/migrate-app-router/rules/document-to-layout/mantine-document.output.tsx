// TODO(shipshape): the custom Document's `getInitialProps`: `@mantine/next` collected Mantine's Emotion styles: follow Mantine's App Router set-up (a `'use client'` provider with `MantineProvider` and an Emotion cache flushed through `useServerInsertedHTML`, or Mantine 7's `ColorSchemeScript` in `<head>`)
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head />
      <body>
        {children}
      </body>
    </html>
  );
}
