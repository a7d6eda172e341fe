import { uploadToS3 } from '../../../lib/s3';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const ALLOWED_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'];

export async function POST(req: Request) {
  const formData = await req.formData();
  const file = formData.get('file') as File | null;
  if (!file) return Response.json({ error: 'No file uploaded' }, { status: 400 });
  if (file.size > MAX_UPLOAD_BYTES) return new Response('File too large', { status: 413 });
  if (!ALLOWED_UPLOAD_TYPES.includes(file.type)) return new Response('Unsupported file type', { status: 415 });
  const buffer = Buffer.from(await file.arrayBuffer());
  const url = await uploadToS3(buffer, `uploads/${Date.now()}-${file.name}`, file.type);
  return Response.json({ url });
}
