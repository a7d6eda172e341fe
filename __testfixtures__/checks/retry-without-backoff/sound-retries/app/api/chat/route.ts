import OpenAI from 'openai';

const openai = new OpenAI({ maxRetries: 0 });

export async function POST(req: Request) {
  const { prompt } = await req.json();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
      return Response.json({ text: completion.choices[0]?.message.content });
    } catch (error) {
      if (!(error instanceof OpenAI.APIError) || (error.status < 500 && error.status !== 429)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 500 * 2 ** attempt));
    }
  }
  return Response.json({ error: 'AI unavailable' }, { status: 503 });
}
