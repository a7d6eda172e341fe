import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';

const Body = z.object({ topic: z.string().max(500) });

export async function POST(req: Request) {
  const { topic } = Body.parse(await req.json());
  const result = streamText({
    model: openai('gpt-4o-mini'),
    maxOutputTokens: 1000,
    prompt: `Explain ${topic} simply.`,
  });
  return result.toTextStreamResponse();
}
