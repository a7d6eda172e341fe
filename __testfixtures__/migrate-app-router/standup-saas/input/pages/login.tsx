import Head from 'next/head';
import { useRouter } from 'next/router';
import { useState, type FormEvent } from 'react';

export default function Login() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const next = typeof router.query.next === 'string' ? router.query.next : '/dashboard';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: form.get('name') }),
    });
    if (response.ok) router.push(next);
    else setError('Unknown user');
  }

  return (
    <>
      <Head>
        <title>Log in | Standup</title>
      </Head>
      <h1>Log in</h1>
      <form onSubmit={onSubmit}>
        <input name="name" required placeholder="Your name" />
        <button type="submit">Continue</button>
      </form>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
