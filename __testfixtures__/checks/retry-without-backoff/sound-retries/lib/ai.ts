import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

// The SDKs retry on their own: no loop around them.
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 4 });
const anthropic = new Anthropic();

export async function summarize(text: string) {
  const message = await anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 512, messages: [{ role: 'user', content: text }] });
  return message.content;
}
