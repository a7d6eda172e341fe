import { GoogleGenAI } from '@google/genai';
import { z } from 'zod';

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });
const Question = z.object({ text: z.string().min(1) });

export async function POST(req: Request) {
  const { text } = Question.parse(await req.json());
  const response = await ai.models.generateContent({
    model: 'gemini-2.0-flash',
    contents: text,
    config: { maxOutputTokens: 500 },
  });
  return Response.json({ answer: response.text });
}
