import OpenAI from 'openai';
import { createClient } from '@/lib/supabase/server';
import { rateLimit } from '../../../lib/rate-limit';

const openai = new OpenAI();

export async function POST(request: Request) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) {
    return Response.json({ error: 'Not signed in' }, { status: 401 });
  }
  const rate = await rateLimit(`/api/generate:user:${user.id}`);
  if (!rate.allowed) {
    return Response.json({ error: 'Too many requests' }, { status: 429, headers: { 'Retry-After': String(rate.retryAfter) } });
  }
  const { topic } = await request.json();
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 400,
    messages: [{ role: 'user', content: `Write a short post about ${String(topic).slice(0, 200)}` }],
  });
  return Response.json({ text: completion.choices[0]?.message.content });
}
