import type { NextApiRequest, NextApiResponse } from 'next';
import OpenAI from 'openai';

const openai = new OpenAI();
const defaults = { model: 'gpt-4o-mini', max_tokens: 64 };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const text = String(req.body.text).substring(0, 1000);
  const completion = await openai.chat.completions.create({
    ...defaults,
    messages: [{ role: 'user', content: `Give this a title: ${text}` }],
  });
  res.json({ title: completion.choices[0]?.message.content });
}
