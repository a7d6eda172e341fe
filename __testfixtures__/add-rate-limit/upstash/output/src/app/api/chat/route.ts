import OpenAI from 'openai';
import { clientAddress, rateLimit } from '../../../lib/rate-limit';

const openai = new OpenAI();

export async function POST(request: Request) {
  const rate = await rateLimit(`/api/chat:ip:${clientAddress(request.headers)}`);
  if (!rate.allowed) {
    return Response.json({ error: 'Too many requests' }, { status: 429, headers: { 'Retry-After': String(rate.retryAfter) } });
  }
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'user', content: 'Write a haiku about rate limits.' }],
  });
  return Response.json({ text: completion.choices[0]?.message.content });
}
