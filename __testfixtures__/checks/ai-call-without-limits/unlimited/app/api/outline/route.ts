import { NextResponse } from 'next/server';
import { geminiModel } from '@/lib/gemini';

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const result = await geminiModel.generateContent(prompt);
  return NextResponse.json({ outline: result.response.text() });
}
