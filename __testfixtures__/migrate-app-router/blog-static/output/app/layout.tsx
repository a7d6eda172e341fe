export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <link rel="preconnect" href="https://fonts.example.com" />
      </head>
      <body className="blog">
        {children}
      </body>
    </html>
  );
}
