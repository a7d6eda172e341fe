'use server';

import { put } from '@vercel/blob';

export async function saveResume(userId: string, resume: File) {
  const blob = await put(`resumes/${userId}.pdf`, resume, { access: 'public' });
  return blob.url;
}
