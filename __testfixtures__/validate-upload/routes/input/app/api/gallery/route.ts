import { writeFile } from 'node:fs/promises';

export async function POST(req: Request) {
  const data = await req.formData();
  const images = data.getAll('images');
  const saved: string[] = [];
  for (const image of images) {
    if (typeof image === 'string') continue;
    const name = `${Date.now()}-${image.name}`;
    await writeFile(`/tmp/gallery/${name}`, Buffer.from(await image.arrayBuffer()));
    saved.push(name);
  }
  return Response.json({ saved });
}
