'use server';
import OpenAI from 'openai';

const openai = new OpenAI();

// Server actions are POSTs to the page's own path: the /api matcher does not reach them.
export async function ask(question: string) {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], max_tokens: 200 });
  return completion.choices[0]?.message.content;
}
