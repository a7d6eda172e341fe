import { summarize } from '../../../lib/ai';

export async function POST(req: Request) {
  const { text } = await req.json();
  return Response.json({ summary: await summarize(text) });
}
