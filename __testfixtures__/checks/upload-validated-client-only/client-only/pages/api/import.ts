import type { NextApiRequest, NextApiResponse } from 'next';
import formidable from 'formidable';
import fs from 'node:fs';

export const config = { api: { bodyParser: false } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const form = formidable({});
  const [, files] = await form.parse(req);
  const upload = files.file?.[0];
  if (!upload) return res.status(400).json({ error: 'No file' });
  fs.writeFileSync(`/tmp/imports/${upload.originalFilename}`, fs.readFileSync(upload.filepath));
  res.status(200).json({ ok: true });
}
