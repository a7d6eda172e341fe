import { uploadToS3 } from '../../../lib/s3';

export async function POST(req: Request) {
  const formData = await req.formData();
  const file = formData.get('file') as File | null;
  if (!file) return Response.json({ error: 'No file uploaded' }, { status: 400 });
  const buffer = Buffer.from(await file.arrayBuffer());
  const url = await uploadToS3(buffer, `uploads/${Date.now()}-${file.name}`, file.type);
  return Response.json({ url });
}
