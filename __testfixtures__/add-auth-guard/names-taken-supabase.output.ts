'use server';

import { db } from './lib/db';
import { createClient } from './utils/supabase/server';

// A module-level `supabase` the action reads, and a `user` parameter: the check binds neither name.
const supabase = { bucket: 'avatars' };

export async function renameUser(user: { id: string; name: string }) {
  const authSupabase = await createClient();
  const {
    data: { user: authUser },
  } = await authSupabase.auth.getUser();
  if (!authUser) throw new Error('Not signed in');
  await db.user.update({ where: { id: user.id }, data: { name: user.name, bucket: supabase.bucket } });
}
