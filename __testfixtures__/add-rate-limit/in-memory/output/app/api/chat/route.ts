import OpenAI from 'openai';
import { rateLimit } from '../../../lib/rate-limit';

const openai = new OpenAI();
const WINDOW_MS = 60_000;
const MAX_REQUESTS = 20;

export async function POST(request: Request) {
  const ip = request.headers.get('x-forwarded-for') ?? 'anonymous';
  const rate = await rateLimit(`/api/chat:${ip}`, { limit: MAX_REQUESTS, windowSeconds: WINDOW_MS / 1000 });
  if (!rate.allowed) {
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
