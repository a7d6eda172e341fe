export async function POST(req: Request) {
  const { text } = await req.json();
  if (typeof text !== 'string' || text.length > 4000) return new Response('Too long', { status: 400 });
  const response = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'o4-mini', messages: [{ role: 'user', content: text }] }),
  });
  return Response.json(await response.json());
}
