import OpenAI from 'openai';
import { NextResponse } from 'next/server';

const openai = new OpenAI();

export async function POST(req: Request) {
  const { prompt, model } = await req.json();
  const completion = await openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: prompt }],
  });
  return NextResponse.json({ text: completion.choices[0]?.message.content });
}

export async function GET() {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'Say hello.' }],
  });
  return NextResponse.json({ text: completion.choices[0]?.message.content });
}
