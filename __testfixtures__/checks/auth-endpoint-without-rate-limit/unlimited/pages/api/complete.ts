import type { NextApiRequest, NextApiResponse } from 'next';
import { Configuration, OpenAIApi } from 'openai';

const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const response = await openai.createChatCompletion({ model: 'gpt-3.5-turbo', messages: req.body.messages, max_tokens: 300 });
  res.status(200).json(response.data.choices[0]);
}
