import Anthropic from '@anthropic-ai/sdk';
import { withRateLimit } from '@/lib/with-rate-limit';

const anthropic = new Anthropic();

export const POST = withRateLimit(async (req: Request) => {
  const { text } = await req.json();
  const message = await anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 300, messages: [{ role: 'user', content: text }] });
  return Response.json(message.content);
});
