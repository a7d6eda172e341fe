import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function POST(req: Request) {
  const { topic, notes, model } = await req.json();
  const prompt = `Write a lesson plan about ${topic}.
Teacher's notes: ${notes}`;
  const { text } = await generateText({ model: openai(model || 'gpt-4o-mini'), prompt });
  return Response.json({ text });
}
