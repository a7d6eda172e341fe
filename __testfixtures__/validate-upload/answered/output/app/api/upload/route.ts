import { NextResponse } from 'next/server';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const MAX_UPLOAD_BYTES = 1 * 1024 * 1024;
const ALLOWED_UPLOAD_TYPES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];

const s3 = new S3Client({});

export async function POST(req: Request) {
  const form = await req.formData();
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    return NextResponse.json({ error: 'Missing file' }, { status: 400 });
  }
  if (file.size > MAX_UPLOAD_BYTES) return NextResponse.json({ error: 'File too large' }, { status: 413 });
  if (!ALLOWED_UPLOAD_TYPES.includes(file.type)) return NextResponse.json({ error: 'Unsupported file type' }, { status: 415 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET!, Key: `uploads/${file.name}`, Body: bytes, ContentType: file.type }));
  return NextResponse.json({ ok: true });
}
