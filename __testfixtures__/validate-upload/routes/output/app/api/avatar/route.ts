import { NextResponse } from 'next/server';
import { supabase } from '@/lib/supabase';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const ALLOWED_UPLOAD_TYPES = ['image/png', 'image/jpeg'];

export async function POST(request: Request) {
  const formData = await request.formData();
  const file = formData.get('file') as File;
  if (!file) return NextResponse.json({ error: 'No file' }, { status: 400 });
  if (file.size > MAX_UPLOAD_BYTES) return NextResponse.json({ error: 'File too large' }, { status: 413 });
  if (!ALLOWED_UPLOAD_TYPES.includes(file.type)) return NextResponse.json({ error: 'Unsupported file type' }, { status: 415 });
  const path = `avatars/${crypto.randomUUID()}-${file.name}`;
  const { error } = await supabase.storage.from('avatars').upload(path, file, { contentType: file.type });
  if (error) return NextResponse.json({ error: 'Upload failed' }, { status: 500 });
  return NextResponse.json({ path });
}
