'use client';

import { useState } from 'react';

export function OrderForm() {
  const [message, setMessage] = useState('');
  async function submit() {
    try {
      await fetch('/api/orders', { method: 'POST' });
    } catch (error) {
      setMessage((error as Error).message);
      return Response.json({ error: (error as Error).message });
    }
  }
  return <button onClick={submit}>{message}</button>;
}
