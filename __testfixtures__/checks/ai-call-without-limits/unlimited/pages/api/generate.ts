import type { NextApiRequest, NextApiResponse } from 'next';
import { Configuration, OpenAIApi } from 'openai';

const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const completion = await openai.createChatCompletion({
    model: 'gpt-3.5-turbo',
    max_tokens: 300,
    messages: [{ role: 'user', content: `Write a tweet about ${req.body.topic}` }],
  });
  res.status(200).json({ text: completion.data.choices[0].message?.content });
}
