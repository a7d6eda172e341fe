export async function sendEmail(payload: unknown) {
  let attempts = 0;
  while (attempts < 5) {
    const res = await fetch('https://api.resend.com/emails', { method: 'POST', body: JSON.stringify(payload) });
    if (res.ok) return res.json();
    attempts++;
  }
  throw new Error('email failed');
}
