import { supabase } from '@/lib/supabase';

export async function POST(request: Request) {
  const event = await request.json();
  const { data: customer } = await supabase.from('customers').select('id, user_id').eq('stripe_customer_id', event.customer).single();
  const { data: tasks } = await supabase.from('tasks').select('id, title').eq('project_id', event.project).range(0, 49);
  return Response.json({ customer, tasks });
}
