import { NextResponse } from 'next/server';
import { createClient } from '@/lib/supabase';

export async function DELETE(request: Request) {
  const { id } = await request.json();
  const supabase = createClient();
  await supabase.from('notes').delete().eq('id', id);
  await supabase.from('announcements').delete().eq('id', id);
  return NextResponse.json({ ok: true });
}
