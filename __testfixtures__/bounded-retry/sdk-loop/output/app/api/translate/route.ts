import { openai } from '@/lib/openai';

export async function POST(req: Request) {
  const { text } = await req.json();
  const response = await openai.responses.create({ model: 'gpt-4o-mini', input: `Translate to French: ${text}` });
  return Response.json({ french: response.output_text });
}
