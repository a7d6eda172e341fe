import { createClient } from '@/lib/supabase/server';
import HabitsList from '@/components/HabitsList';

export default async function HabitsPage() {
  const supabase = await createClient();
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { data: habits } = await supabase
    .from('habits')
    .select('*')
    .eq('user_id', 'me')
    .order('created_at', { ascending: true })
    .range(0, 99);
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { data: goals } = await supabase
    .from('goals')
    .select('*')
    .order('id')
    .range(0, 99);
  return (
    <>
      <HabitsList habits={habits ?? []} />
      <pre>{JSON.stringify(goals, null, 2)}</pre>
    </>
  );
}
