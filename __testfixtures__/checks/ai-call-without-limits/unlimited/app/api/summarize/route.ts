import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function POST(request: Request) {
  const body = await request.json();
  const message = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 512,
    system: body.instructions,
    messages: [{ role: 'user', content: 'Summarise the text above.' }],
  });
  return Response.json(message.content);
}
