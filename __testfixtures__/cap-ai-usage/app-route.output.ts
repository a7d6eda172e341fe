import OpenAI from 'openai';
import { NextResponse } from 'next/server';

const openai = new OpenAI();

export async function POST(req: Request) {
  const { prompt, model } = await req.json();
  if (typeof prompt !== 'string' || prompt.length > 8000) return NextResponse.json({ error: 'Input is missing or too long' }, { status: 400 });
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    max_tokens: 1024,
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
