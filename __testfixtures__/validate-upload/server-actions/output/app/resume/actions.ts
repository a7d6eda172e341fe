'use server';

import { put } from '@vercel/blob';

const ALLOWED_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'];

export async function saveResume(userId: string, resume: File) {
  if (!ALLOWED_UPLOAD_TYPES.includes(resume.type)) throw new Error('Unsupported file type');
  const blob = await put(`resumes/${userId}.pdf`, resume, { access: 'public' });
  return blob.url;
}
