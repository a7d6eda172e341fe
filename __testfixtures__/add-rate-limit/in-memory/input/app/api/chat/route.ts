import OpenAI from 'openai';

const openai = new OpenAI();
const WINDOW_MS = 60_000;
const MAX_REQUESTS = 20;
const requests = new Map<string, { count: number; resetAt: number }>();

export async function POST(request: Request) {
  const ip = request.headers.get('x-forwarded-for') ?? 'anonymous';
  const now = Date.now();
  const entry = requests.get(ip) ?? { count: 0, resetAt: now + WINDOW_MS };
  if (now > entry.resetAt) {
    entry.count = 0;
    entry.resetAt = now + WINDOW_MS;
  }
  entry.count++;
  requests.set(ip, entry);
  if (entry.count > MAX_REQUESTS) {
    return Response.json({ error: 'Slow down' }, { status: 429 });
  }
  const { prompt } = await request.json();
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'user', content: String(prompt).slice(0, 2000) }],
  });
  return Response.json({ text: completion.choices[0]?.message.content });
}
