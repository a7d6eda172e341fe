import OpenAI from 'openai';

const openai = new OpenAI();

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const answer = await openai.responses.create({ model: 'gpt-4o', input: prompt });
  return Response.json(answer);
}
