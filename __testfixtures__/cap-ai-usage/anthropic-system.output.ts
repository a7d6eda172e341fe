import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function POST(request: Request) {
  const body = await request.json();
  if (typeof body.instructions !== 'string' || body.instructions.length > 8000) return new Response('Input is missing or too long', { status: 400 });
  const message = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 512,
    system: body.instructions,
    messages: [{ role: 'user', content: 'Summarise the text above.' }],
  });
  return Response.json(message.content);
}
