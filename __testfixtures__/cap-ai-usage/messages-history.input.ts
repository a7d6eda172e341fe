import { streamText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';

export async function POST(req: Request) {
  const { messages, model } = await req.json();
  const result = streamText({ model: anthropic(model), messages });
  return result.toDataStreamResponse();
}
