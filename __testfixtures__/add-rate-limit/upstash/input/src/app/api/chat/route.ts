import OpenAI from 'openai';

const openai = new OpenAI();

export async function POST() {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'user', content: 'Write a haiku about rate limits.' }],
  });
  return Response.json({ text: completion.choices[0]?.message.content });
}
