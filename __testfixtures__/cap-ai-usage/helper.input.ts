import OpenAI from 'openai';

const client = new OpenAI();

async function ask(question: string, model: string) {
  const response = await client.responses.create({
    model,
    input: question,
  });
  return response.output_text;
}

export async function POST(req: Request) {
  const { question, model } = await req.json();
  return Response.json({ answer: await ask(question, model) });
}
