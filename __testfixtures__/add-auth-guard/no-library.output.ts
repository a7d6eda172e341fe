import OpenAI from 'openai';

const openai = new OpenAI();

export async function POST(req: Request) {
  // TODO(shipshape): check who is calling before this runs: no auth library was found to write the check with
  const { prompt } = await req.json();
  const answer = await openai.responses.create({ model: 'gpt-4o', input: prompt });
  return Response.json(answer);
}
