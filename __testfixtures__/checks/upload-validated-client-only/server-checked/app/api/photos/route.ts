import { storePhoto } from '../../../lib/blob';

const MAX_PHOTO_BYTES = 3 * 1024 * 1024;

export async function POST(req: Request) {
  const form = await req.formData();
  const photo = form.get('photo');
  if (!(photo instanceof File)) return new Response('No photo', { status: 400 });
  if (photo.size > MAX_PHOTO_BYTES) return new Response('Too large', { status: 413 });
  if (!photo.type.startsWith('image/')) return new Response('Images only', { status: 415 });
  return Response.json({ url: await storePhoto(photo) });
}
