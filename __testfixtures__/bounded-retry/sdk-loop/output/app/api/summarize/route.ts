import { openai } from '../../../lib/openai';

export async function POST(req: Request) {
  const { text } = await req.json();
  let result = '';
  // TODO(shipshape): drop this hand-written retry and let the OpenAI client retry: set maxRetries: 2 where it is created
  for (let tries = 0; tries < 3; tries++) {
    try {
      const response = await openai.responses.create({ model: 'gpt-4o-mini', input: text });
      result = response.output_text;
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return Response.json({ summary: result });
}
