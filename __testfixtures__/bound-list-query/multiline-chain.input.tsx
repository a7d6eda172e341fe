import { createClient } from '@/lib/supabase/server';
import HabitsList from '@/components/HabitsList';

export default async function HabitsPage() {
  const supabase = await createClient();
  const { data: habits } = await supabase
    .from('habits')
    .select('*')
    .eq('user_id', 'me')
    .order('created_at', { ascending: true });
  const { data: goals } = await supabase
    .from('goals')
    .select('*');
  return (
    <>
      <HabitsList habits={habits ?? []} />
      <pre>{JSON.stringify(goals, null, 2)}</pre>
    </>
  );
}
