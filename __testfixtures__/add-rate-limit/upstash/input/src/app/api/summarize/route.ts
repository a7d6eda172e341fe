import OpenAI from 'openai';
import { auth } from '@clerk/nextjs/server';

const openai = new OpenAI();

export async function POST(request: Request) {
  const { userId } = await auth();
  const { text } = await request.json();
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 200,
    messages: [{ role: 'user', content: `Summarize in one sentence: ${text}` }],
  });
  return Response.json({ summary: completion.choices[0]?.message.content, signedIn: Boolean(userId) });
}
