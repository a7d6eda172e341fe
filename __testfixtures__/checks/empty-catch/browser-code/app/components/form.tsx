'use client';

export function OrderForm() {
  async function submit() {
    try {
      await fetch('/api/orders', { method: 'POST' });
    } catch {}
  }
  return <button onClick={submit}>Order</button>;
}
