'use server';

import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function uploadLogo(formData: FormData) {
  const logo = formData.get('logo') as File;
  if (!logo || logo.size === 0) return { error: 'Pick a file' };
  const buffer = Buffer.from(await logo.arrayBuffer());
  await writeFile(path.join(process.cwd(), 'public', 'logos', logo.name), buffer);
  return { ok: true };
}
