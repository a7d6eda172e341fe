import { createClient } from '@supabase/supabase-js';
import { prisma } from './prisma';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function sharedNotes() {
  const { data } = await supabase.from('notes').select('*').eq('user_id', 'shared');
  return data;
}

export async function unclaimedTasks() {
  return prisma.task.findMany({ where: { ownerId: null } });
}

export async function tasksInCity(city: string) {
  return prisma.task.findMany({ where: { OR: [{ ownerId: city }, { city }] } });
}
