import OpenAI from 'openai';

const client = new OpenAI();

async function ask(question: string) {
  const response = await client.responses.create({
    model: 'gpt-4.1-mini',
    input: question,
  });
  return response.output_text;
}

export async function POST(req: Request) {
  const { question } = await req.json();
  return Response.json({ answer: await ask(question) });
}
