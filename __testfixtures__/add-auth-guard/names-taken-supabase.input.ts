'use server';

import { db } from './lib/db';

// A module-level `supabase` the action reads, and a `user` parameter: the check binds neither name.
const supabase = { bucket: 'avatars' };

export async function renameUser(user: { id: string; name: string }) {
  await db.user.update({ where: { id: user.id }, data: { name: user.name, bucket: supabase.bucket } });
}
