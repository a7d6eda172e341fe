import { put } from '@vercel/blob';
import { fileTypeFromBuffer } from 'file-type';

export async function POST(req: Request) {
  const form = await req.formData();
  const scan = form.get('scan') as File;
  const bytes = Buffer.from(await scan.arrayBuffer());
  if (bytes.length > 10_000_000) return new Response('Too large', { status: 413 });
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== 'application/pdf') return new Response('Only PDFs', { status: 415 });
  const blob = await put(`scans/${scan.name}`, bytes, { access: 'private' });
  return Response.json(blob);
}
