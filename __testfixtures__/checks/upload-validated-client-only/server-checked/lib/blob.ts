import { put } from '@vercel/blob';

export async function storePhoto(photo: File) {
  const blob = await put(`photos/${crypto.randomUUID()}`, photo, { access: 'public' });
  return blob.url;
}
