import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({ region: process.env.AWS_REGION });

export async function uploadToS3(body: Buffer, key: string, contentType: string): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET!, Key: key, Body: body, ContentType: contentType }));
  return `https://${process.env.S3_BUCKET}.s3.amazonaws.com/${key}`;
}
