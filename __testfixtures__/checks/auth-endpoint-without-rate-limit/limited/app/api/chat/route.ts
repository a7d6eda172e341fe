import OpenAI from 'openai';
import { rateLimit } from '@/lib/rate-limit';

const openai = new OpenAI();

export async function POST(req: Request) {
  const limited = await rateLimit(req);
  if (limited) return limited;
  const { messages } = await req.json();
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 500 });
  return Response.json(completion.choices[0]?.message);
}
