import crypto from 'node:crypto';
import { db } from '@/lib/db';

export async function POST(request: Request) {
  const rawBody = await request.text();
  const digest = Buffer.from(crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!).update(rawBody).digest('hex'), 'utf8');
  const signature = Buffer.from(request.headers.get('x-signature') ?? '', 'utf8');
  if (digest.length !== signature.length || !crypto.timingSafeEqual(digest, signature)) {
    return new Response('Invalid signature', { status: 401 });
  }
  const event = JSON.parse(rawBody);
  if (event.meta.event_name === 'order_created') await db.from('orders').insert({ id: event.data.id });
  return new Response('ok');
}
