import { createClient } from '@supabase/supabase-js';
const supabase = createClient('https://x.supabase.co', 'anon');

export async function customerFor(stripeId: string) {
  const { data } = await supabase.from('customers').select('*').eq('stripe_customer_id', stripeId).single();
  return data;
}

export async function byId(id: string) {
  return supabase.from('customers').select('*').eq('id', id).single();
}

export async function listFor(userId: string) {
  return supabase.from('customers').select('*').eq('user_id', userId);
}
