import Link from 'next/link';

export default function Home() {
  return (
    <main>
      <Link href="/chat">Chat</Link> · <Link href="/admin">Admin</Link> · <Link href="/weather">Weather</Link>
    </main>
  );
}
