'use server';

import { createClient } from './utils/supabase/server';

export async function deleteNote(id: string) {
  const supabase = await createClient();
  const { data } = await supabase.auth.getSession();
  if (!data.session) throw new Error('Not signed in');
  await supabase.from('notes').delete().eq('id', id).eq('user_id', data.session.user.id);
}
