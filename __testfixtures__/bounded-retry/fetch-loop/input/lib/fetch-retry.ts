const MAX_RETRIES = 3;

export async function fetchJson(url: string, init: RequestInit = {}) {
  let lastError: unknown;
  for (let i = 0; i < MAX_RETRIES; i++) {
    try {
      const res = await fetch(url, init);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.json();
    } catch (error) {
      lastError = error;
      console.warn(`attempt ${i + 1} failed`, error);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  throw lastError;
}

export async function sendEmail(payload: unknown) {
  let attempts = 0;
  while (attempts < 5) {
    const res = await fetch('https://api.resend.com/emails', { method: 'POST', body: JSON.stringify(payload) });
    if (res.ok) return res.json();
    attempts++;
  }
  throw new Error('email failed');
}
