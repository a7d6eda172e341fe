'use server';

import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function recentOrders(customer: string) {
  const { data } = await supabase.from('orders').select('id, total').eq('customer_id', customer).order('id', { ascending: false });
  return data;
}
