import OpenAI from 'openai';

const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  maxRetries: 2,
});

export async function POST(req: Request) {
  const { prompt } = await req.json();
  try {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
    return Response.json({ text: completion.choices[0]?.message.content });
  } catch (error) {
    console.error('OpenAI failed', error);
    return Response.json({ error: 'AI unavailable' }, { status: 503 });
  }
}
