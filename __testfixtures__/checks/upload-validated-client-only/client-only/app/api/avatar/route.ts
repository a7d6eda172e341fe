import { NextResponse } from 'next/server';
import { supabase } from '@/lib/supabase';

export async function POST(request: Request) {
  const formData = await request.formData();
  const file = formData.get('file') as File;
  if (!file) return NextResponse.json({ error: 'No file' }, { status: 400 });
  const path = `avatars/${crypto.randomUUID()}-${file.name}`;
  const { error } = await supabase.storage.from('avatars').upload(path, file, { contentType: file.type });
  if (error) return NextResponse.json({ error: 'Upload failed' }, { status: 500 });
  return NextResponse.json({ path });
}
