import { supabase } from '@/lib/supabase';

export async function GET() {
  const { data } = await supabase.from('tasks').select('*');
  return Response.json((data ?? []).filter((task) => !task.done));
}
