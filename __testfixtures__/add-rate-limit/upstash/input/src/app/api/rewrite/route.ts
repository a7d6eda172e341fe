import OpenAI from 'openai';
import { auth } from '@clerk/nextjs/server';

const openai = new OpenAI();

export async function POST(request: Request) {
  const { text, guest } = await request.json();
  if (!guest) {
    const { userId } = await auth();
    if (!userId) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 200,
    messages: [{ role: 'user', content: `Rewrite plainly: ${text}` }],
  });
  return Response.json({ text: completion.choices[0]?.message.content });
}
