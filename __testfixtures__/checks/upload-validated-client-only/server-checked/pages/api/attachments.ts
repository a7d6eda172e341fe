import type { NextApiRequest, NextApiResponse } from 'next';
import { createRouter } from 'next-connect';
import multer from 'multer';
import { S3 } from 'aws-sdk';

const s3 = new S3();
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 8 * 1024 * 1024 },
  fileFilter: (_req, file, done) => done(null, file.mimetype === 'application/pdf'),
});

const router = createRouter<NextApiRequest & { file: Express.Multer.File }, NextApiResponse>();

router.use(upload.single('file') as never).post(async (req, res) => {
  await s3.upload({ Bucket: 'attachments', Key: req.file.originalname, Body: req.file.buffer }).promise();
  res.status(200).json({ ok: true });
});

export const config = { api: { bodyParser: false } };
export default router.handler();
