import crypto from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { pool } from '@/lib/db';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// Both writes read what they wrote: guarded, an older event writes nothing and the code would take that for a failure.
export async function POST(req: Request) {
  const raw = await req.text();
  const digest = Buffer.from(crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!).update(raw).digest('hex'));
  const signature = Buffer.from(req.headers.get('x-signature') ?? '');
  if (digest.length !== signature.length || !crypto.timingSafeEqual(digest, signature)) return new Response('no', { status: 401 });
  const payload = JSON.parse(raw);
  if (payload.meta.event_name === 'subscription_updated') {
    // TODO(shipshape): an older event can arrive after a newer one: set last_event_at to payload.data.attributes.updated_at and write only where it is null or older (the result is read, and an older event now writes no row)
    const result = await pool.query('UPDATE subscriptions SET status = $1 WHERE lemon_id = $2', [payload.data.attributes.status, payload.data.id]);
    if (result.rowCount === 0) throw new Error('unknown subscription');
  }
  if (payload.meta.event_name === 'subscription_expired') {
    // TODO(shipshape): an older event can arrive after a newer one: set last_event_at to payload.data.attributes.updated_at and write only where it is null or older (the returned rows are read, and an older event now updates none)
    const { data } = await supabase.from('accounts').update({ plan: 'free' }).eq('lemon_id', payload.data.id).select('email');
    console.log('downgraded', data?.[0]?.email);
  }
  return Response.json({ received: true });
}
