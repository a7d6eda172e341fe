import { generateText } from 'ai';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { imageUrl, urls, topic, notes } = await req.json();
  if (String(topic).length + String(notes).length > 8000) return new Response('Too long', { status: 400 });
  const prompt = `Describe item ${id} from ${urls.length} sources about ${topic}. Notes: ${notes}`;
  const { text } = await generateText({
    model: 'openai/gpt-4o-mini',
    maxOutputTokens: 500,
    messages: [{ role: 'user', content: [{ type: 'text', text: prompt }, { type: 'image', image: new URL(imageUrl) }] }],
  });
  return Response.json({ text });
}
