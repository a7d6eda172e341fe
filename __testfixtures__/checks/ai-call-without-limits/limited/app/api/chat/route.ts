import OpenAI from 'openai';
import { NextResponse } from 'next/server';

const openai = new OpenAI();
const MODELS = ['gpt-4o-mini', 'gpt-4o'];
const MAX_PROMPT = 4000;

export async function POST(req: Request) {
  const { prompt, model, history } = await req.json();
  if (!MODELS.includes(model)) return NextResponse.json({ error: 'Unknown model' }, { status: 400 });
  if (!prompt || prompt.length > MAX_PROMPT) return NextResponse.json({ error: 'Too long' }, { status: 400 });
  const completion = await openai.chat.completions.create({
    model,
    max_completion_tokens: 800,
    messages: [...history.slice(-10, 0), { role: 'user', content: prompt }],
  });
  return NextResponse.json({ text: completion.choices[0]?.message.content });
}
