const OPENAI = 'https://api.openai.com/v1';

export async function complete(prompt: string) {
  const response = await fetch(`${OPENAI}/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] }),
    signal: AbortSignal.timeout(5000),
  });
  if (response.status !== 200) throw new Error('completion failed');
  return response.json();
}
