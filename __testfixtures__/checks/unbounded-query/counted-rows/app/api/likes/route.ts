import { NextResponse } from 'next/server';
import { supabase } from '@/lib/supabase';

export async function GET(request: Request) {
  const post = new URL(request.url).searchParams.get('post');
  const { data: likes } = await supabase.from('likes').select('id').eq('post_id', post);
  const { data: shares } = await supabase.from('shares').select('id').eq('post_id', post);
  return NextResponse.json({ likes: likes?.length ?? 0, shares: shares?.length ?? 0, sharers: shares });
}
