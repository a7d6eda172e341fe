import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
const MAX_BYTES = 2 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export async function POST(request: Request) {
  const formData = await request.formData();
  const file = formData.get('file');
  if (!(file instanceof File)) return NextResponse.json({ error: 'No file' }, { status: 400 });
  if (file.size > MAX_BYTES) return NextResponse.json({ error: 'Too large' }, { status: 413 });
  if (!IMAGE_TYPES.has(file.type)) return NextResponse.json({ error: 'Unsupported type' }, { status: 415 });
  await supabase.storage.from('avatars').upload(`${crypto.randomUUID()}.png`, file);
  return NextResponse.json({ ok: true });
}
