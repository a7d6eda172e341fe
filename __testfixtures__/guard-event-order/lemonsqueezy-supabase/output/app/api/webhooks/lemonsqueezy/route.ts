import crypto from 'node:crypto';
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function POST(req: Request) {
  const raw = await req.text();
  const digest = Buffer.from(crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!).update(raw).digest('hex'), 'utf8');
  const signature = Buffer.from(req.headers.get('x-signature') ?? '', 'utf8');
  if (digest.length !== signature.length || !crypto.timingSafeEqual(digest, signature)) {
    return new Response('invalid signature', { status: 401 });
  }
  const payload = JSON.parse(raw);
  switch (payload.meta.event_name) {
    case 'subscription_updated':
    case 'subscription_cancelled': {
      const attributes = payload.data.attributes;
      const { error } = await supabase
        .from('subscriptions')
        .update({
          status: attributes.status,
          renews_at: attributes.renews_at,
          last_event_at: payload.data.attributes.updated_at,
        })
        .or(`last_event_at.is.null,last_event_at.lt."${payload.data.attributes.updated_at}"`)
        .eq('lemon_squeezy_id', payload.data.id);
      if (error) throw error;
      break;
    }
    case 'subscription_created':
      // TODO(shipshape): an older event can arrive after a newer one: set last_event_at to payload.data.attributes.updated_at and write only where it is null or older (a supabase-js upsert writes its row whatever the stored event time)
      await supabase.from('subscriptions').upsert({ lemon_squeezy_id: payload.data.id, status: payload.data.attributes.status });
      break;
  }
  return Response.json({ received: true });
}
