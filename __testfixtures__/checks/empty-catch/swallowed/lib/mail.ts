export async function sendReceipt(email: string) {
  await fetch('https://api.mail.example/send', { method: 'POST', body: JSON.stringify({ email }) });
}
