import OpenAI from 'openai';
import pRetry from 'p-retry';

const openai = new OpenAI({ maxRetries: 4 });

export async function complete(prompt: string) {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
  return completion.choices[0]?.message.content;
}

export const stars = () => pRetry(() => fetch('https://api.github.com/repos/vercel/next.js'), { retries: 3 });
