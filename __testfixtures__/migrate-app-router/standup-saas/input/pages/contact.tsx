import Head from 'next/head';
import { useState, type FormEvent } from 'react';

export default function Contact() {
  const [status, setStatus] = useState<'idle' | 'sending' | 'sent' | 'error'>('idle');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus('sending');
    const form = new FormData(event.currentTarget);
    const response = await fetch('/api/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), message: form.get('message') }),
    });
    setStatus(response.ok ? 'sent' : 'error');
  }

  return (
    <>
      <Head>
        <title>Contact | Standup</title>
      </Head>
      <h1>Contact us</h1>
      {status === 'sent' ? (
        <p>Thanks, we will write back within a day.</p>
      ) : (
        <form onSubmit={onSubmit}>
          <input name="email" type="email" required placeholder="you@company.com" />
          <textarea name="message" required rows={5} />
          <button type="submit" disabled={status === 'sending'}>
            Send
          </button>
          {status === 'error' && <p role="alert">That did not work. Try again?</p>}
        </form>
      )}
    </>
  );
}
