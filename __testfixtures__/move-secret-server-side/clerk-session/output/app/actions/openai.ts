'use server';
import 'server-only';
import OpenAI from 'openai';
import { auth } from '@clerk/nextjs/server';

// Runs only on the server: the key below never reaches the browser.
const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
});

export async function createChatCompletion(model: string, question: string) {
  const { userId } = await auth();
  if (!userId) throw new Error('Not signed in');
  const result = await openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: question }],
  });
  return result.choices[0]?.message.content;
}
