import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function loadNotes(userId: string) {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { data } = await supabase.from('notes').select('id, title, created_at').eq('user_id', userId).order('created_at', { ascending: false }).range(0, 99);
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const all = await supabase.from('tags').select('*').range(0, 99);
  return { data, all };
}
