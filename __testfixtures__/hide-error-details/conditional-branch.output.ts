import { NextResponse } from 'next/server';
import OpenAI from 'openai';

const openai = new OpenAI();

// Only one branch of the answer carries the error: the other keeps its words.
export async function POST(req: Request) {
  const { prompt, model } = await req.json();
  try {
    const response = await openai.images.generate({ model, prompt });
    return NextResponse.json({ images: response.data });
  } catch (error: any) {
    console.error('conditional-branch.ts failed:', error);
    return NextResponse.json(
      { error: model === 'dall-e-3' ? 'DALL-E-3 is unavailable. Please try again later.' : 'Internal Server Error' },
      { status: 500 },
    );
  }
}
