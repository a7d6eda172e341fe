import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// Called by a Supabase database webhook on `profiles`: mirrors the plan into the billing table.
export async function POST(req: Request) {
  if (req.headers.get('x-webhook-secret') !== process.env.SUPABASE_WEBHOOK_SECRET) {
    return new Response('unauthorized', { status: 401 });
  }
  const payload = await req.json();
  if (payload.type === 'UPDATE') {
    const { id, plan, updated_at } = payload.record;
    console.log('profile changed at', updated_at);
    await supabase.from('billing_accounts').update({ plan, last_event_at: payload.record.updated_at }).or(`last_event_at.is.null,last_event_at.lt."${payload.record.updated_at}"`).eq('profile_id', id);
  }
  return Response.json({ ok: true });
}
