import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function loadNotes(userId: string) {
  const { data } = await supabase.from('notes').select('id, title, created_at').eq('user_id', userId).order('created_at', { ascending: false });
  const all = await supabase.from('tags').select('*');
  return { data, all };
}
