import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({ region: process.env.AWS_REGION });
const ALLOWED = ['application/pdf'];

export async function POST(req: Request) {
  const data = await req.formData();
  const document = data.get('document');
  if (!(document instanceof File)) return new Response('No file', { status: 400 });
  if (!ALLOWED.includes(document.type)) return new Response('Only PDFs', { status: 415 });
  const bytes = Buffer.from(await document.arrayBuffer());
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: document.name, Body: bytes }));
  return Response.json({ ok: true });
}
