import { writeFile } from 'node:fs/promises';

export async function POST(req: Request) {
  const { title, text } = await req.json();
  await writeFile(`/tmp/notes/${Date.now()}.json`, JSON.stringify({ title, text }));
  return Response.json({ ok: true });
}
