import { db } from '@/lib/db';
import { createHmac, timingSafeEqual } from 'node:crypto';

export async function POST(request: Request) {
  const rawBody = await request.text();
  const signature = Buffer.from(request.headers.get('x-signature') ?? '', 'utf8');
  const digest = Buffer.from(createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!).update(rawBody).digest('hex'), 'utf8');
  if (signature.length !== digest.length || !timingSafeEqual(signature, digest)) {
    return new Response('Invalid signature', { status: 401 });
  }
  const event = JSON.parse(rawBody);
  const { meta, data } = event;
  if (meta.event_name === 'order_created') {
    await db.order.create({ data: { id: data.id } });
  }
  return Response.json({ ok: true });
}
