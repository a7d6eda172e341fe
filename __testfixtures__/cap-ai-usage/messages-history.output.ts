import { streamText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';

export async function POST(req: Request) {
  const { messages, model } = await req.json();
  if (!Array.isArray(messages) || JSON.stringify(messages).length > 8000) return new Response('Input is missing or too long', { status: 400 });
  const result = streamText({ model: anthropic('claude-3-5-haiku-latest'), messages, maxOutputTokens: 1024 });
  return result.toDataStreamResponse();
}
