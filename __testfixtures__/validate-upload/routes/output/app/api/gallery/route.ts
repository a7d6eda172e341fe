import { writeFile } from 'node:fs/promises';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const ALLOWED_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'];

export async function POST(req: Request) {
  const data = await req.formData();
  const images = data.getAll('images');
  const saved: string[] = [];
  for (const image of images) {
    if (typeof image === 'string') continue;
    if (image.size > MAX_UPLOAD_BYTES) return new Response('File too large', { status: 413 });
    if (!ALLOWED_UPLOAD_TYPES.includes(image.type)) return new Response('Unsupported file type', { status: 415 });
    const name = `${Date.now()}-${image.name}`;
    await writeFile(`/tmp/gallery/${name}`, Buffer.from(await image.arrayBuffer()));
    saved.push(name);
  }
  return Response.json({ saved });
}
