import { NextResponse } from 'next/server';
import { createClient, supabaseAdmin } from '@/lib/supabase';

export async function GET(request: Request) {
  const id = new URL(request.url).searchParams.get('id')!;
  const supabase = createClient();
  const { data } = await supabase.from('posts').select('*').eq('id', id).single();
  return NextResponse.json(data);
}

export async function PUT(request: Request) {
  const supabase = createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { id, body } = await request.json();
  const { error } = await supabaseAdmin
    .from('posts')
    .update({ body })
    .eq('id', id);
  return NextResponse.json({ ok: !error });
}
