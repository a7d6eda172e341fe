import { withRetry } from './retry';

const MAX_RETRIES = 3;

export async function fetchJson(url: string, init: RequestInit = {}) {
  const res = await withRetry(() => fetch(url, init));
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return await res.json();
}

export async function sendEmail(payload: unknown) {
  let attempts = 0;
  // TODO(shipshape): replace this hand-written retry with withRetry() from './retry' (at most 4 calls, backoff with jitter, Retry-After honoured, no retry of 4xx)
  while (attempts < 5) {
    const res = await fetch('https://api.resend.com/emails', { method: 'POST', body: JSON.stringify(payload) });
    if (res.ok) return res.json();
    attempts++;
  }
  throw new Error('email failed');
}
