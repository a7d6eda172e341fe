import { generateText } from 'ai';

export async function POST(request: Request) {
  const body = await request.json();
  const { name, description } = body;
  if (!name) return Response.json({ error: 'name is required' }, { status: 400 });
  const prompt = `Suggest three tasks for this responsibility.

Name: ${name}
${description ? `Description: ${description}` : ''}`;
  const { text } = await generateText({ model: 'anthropic/claude-3-5-haiku-latest', prompt, maxOutputTokens: 800 });
  return Response.json({ text });
}
