'use server';
import 'server-only';
import { createClient } from '@supabase/supabase-js';

// Runs only on the server: the key below never reaches the browser.
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function deleteNote(id: number) {
  // TODO(shipshape): check the caller's session: anyone can call a server action with a POST request
  await supabase.from('notes').delete().eq('id', id);
}
