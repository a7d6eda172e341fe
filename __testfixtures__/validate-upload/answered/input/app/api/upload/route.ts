import { NextResponse } from 'next/server';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export async function POST(req: Request) {
  const form = await req.formData();
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    return NextResponse.json({ error: 'Missing file' }, { status: 400 });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET!, Key: `uploads/${file.name}`, Body: bytes, ContentType: file.type }));
  return NextResponse.json({ ok: true });
}
