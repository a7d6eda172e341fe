import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function GET() {
  const message = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 256,
    messages: [{ role: 'user', content: 'Write a haiku about launch day.' }],
  });
  return Response.json(message.content);
}
