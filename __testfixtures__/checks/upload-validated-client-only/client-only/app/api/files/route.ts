import { NextRequest, NextResponse } from 'next/server';
import AWS from 'aws-sdk';

const s3 = new AWS.S3();

export async function POST(req: NextRequest) {
  const form = await req.formData();
  const file = form.get('file') as Blob;
  const data = await file.arrayBuffer();
  const params = { Bucket: process.env.BUCKET_NAME!, Key: crypto.randomUUID(), Body: Buffer.from(data), ContentType: file.type };
  const result = await s3.upload(params).promise();
  return NextResponse.json({ location: result.Location });
}
