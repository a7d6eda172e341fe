import crypto from 'node:crypto';
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// The write keeps the time of the event it took, and skips an older one: nothing to change.
export async function POST(req: Request) {
  const raw = await req.text();
  const digest = Buffer.from(crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!).update(raw).digest('hex'));
  const signature = Buffer.from(req.headers.get('x-signature') ?? '');
  if (digest.length !== signature.length || !crypto.timingSafeEqual(digest, signature)) return new Response('no', { status: 401 });
  const payload = JSON.parse(raw);
  if (payload.meta.event_name === 'subscription_updated') {
    const time = payload.data.attributes.updated_at;
    await supabase
      .from('subscriptions')
      .update({ status: payload.data.attributes.status, last_event_at: time })
      .or(`last_event_at.is.null,last_event_at.lt."${time}"`)
      .eq('lemon_squeezy_id', payload.data.id);
  }
  return Response.json({ received: true });
}
