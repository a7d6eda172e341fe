import OpenAI from 'openai';
import { auth } from '@clerk/nextjs/server';
import { rateLimit } from '../../../lib/rate-limit';

const openai = new OpenAI();

export async function POST(request: Request) {
  try {
    const { userId } = await auth();
    if (!userId) {
      return Response.json({ error: 'Unauthorized' }, { status: 401 });
    }
    const rate = await rateLimit(`/api/translate:user:${userId}`);
    if (!rate.allowed) {
      return Response.json({ error: 'Too many requests' }, { status: 429, headers: { 'Retry-After': String(rate.retryAfter) } });
    }
    const { text } = await request.json();
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      max_tokens: 200,
      messages: [{ role: 'user', content: `Translate to French: ${text}` }],
    });
    return Response.json({ text: completion.choices[0]?.message.content });
  } catch (error) {
    console.error('translate failed', error);
    return Response.json({ error: 'Translation failed' }, { status: 500 });
  }
}
