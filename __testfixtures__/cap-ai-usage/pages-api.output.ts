import type { NextApiRequest, NextApiResponse } from 'next';
import { Configuration, OpenAIApi } from 'openai';

const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { topic } = req.body;
  if (String(topic).length > 8000) {
    res.status(400).json({ error: 'Input is missing or too long' });
    return;
  }
  const completion = await openai.createChatCompletion({
    model: 'gpt-3.5-turbo',
    messages: [{ role: 'user', content: `Write a tweet about ${topic}` }],
    max_tokens: 1024,
  });
  res.status(200).json({ text: completion.data.choices[0].message?.content });
}
