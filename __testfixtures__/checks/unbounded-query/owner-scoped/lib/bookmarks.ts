import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function bookmarksOf(profileId: string) {
  const { data } = await supabase.from('bookmarks').select('*').eq('profile_id', profileId);
  return data;
}
