import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function GET(request: Request) {
  const { data: events } = await supabase.from('events').select('*').order('at', { ascending: false });
  const [latest] = events ?? [];
  const slug = new URL(request.url).searchParams.get('slug');
  // A filtered query's first row is a lookup, and rows both picked and shown are a list: neither is reported here.
  const { data: pages } = await supabase.from('pages').select('*').eq('slug', slug);
  const { data: tags } = await supabase.from('tags').select('*');
  return NextResponse.json({ latest, page: pages?.[0], first: tags?.[0], tags });
}
