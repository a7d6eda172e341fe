import { createClient } from '@supabase/supabase-js';
const supabase = createClient('https://x.supabase.co', 'anon');

export async function customerFor(stripeId: string) {
  const { data } = await supabase.from('customers').select('*').eq('stripe_customer_id', stripeId).maybeSingle();
  return data;
}
