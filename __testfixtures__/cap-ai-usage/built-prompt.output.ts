import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function POST(req: Request) {
  const { topic, notes, model } = await req.json();
  const prompt = `Write a lesson plan about ${topic}.
Teacher's notes: ${notes}`;
  if (String(topic).length + String(notes).length > 8000) return new Response('Input is missing or too long', { status: 400 });
  const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt, maxTokens: 1024 });
  return Response.json({ text });
}
