import OpenAI from 'openai';
import jwt from 'jsonwebtoken';

export const openai = new OpenAI({
  apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY,
  dangerouslyAllowBrowser: true,
});

export const token = jwt.sign({ sub: 'me' }, 'not-a-real-secret');
