'use server';

import { z } from 'zod';
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

const Photo = z
  .instanceof(File)
  .refine((value) => value.size <= 5 * 1024 * 1024, 'Photo too large')
  .refine((value) => ['image/png', 'image/jpeg'].includes(value.type), 'PNG or JPEG only');

export async function uploadPhoto(formData: FormData) {
  const photo = Photo.parse(formData.get('photo'));
  await supabase.storage.from('photos').upload(photo.name, photo);
}
