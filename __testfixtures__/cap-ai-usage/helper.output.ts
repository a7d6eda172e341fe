import OpenAI from 'openai';

const client = new OpenAI();

async function ask(question: string, model: string) {
  // TODO(shipshape): choose the model of this OpenAI responses call in code: the request names it, so a caller can pick the most expensive one; bound the length of the request's prompt input (at most 8000 characters) before this call, and refuse longer ones with a 400
  const response = await client.responses.create({
    model,
    input: question,
    max_output_tokens: 1024,
  });
  return response.output_text;
}

export async function POST(req: Request) {
  const { question, model } = await req.json();
  return Response.json({ answer: await ask(question, model) });
}
