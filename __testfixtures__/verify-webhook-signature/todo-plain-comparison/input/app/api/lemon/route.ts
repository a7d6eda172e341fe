import crypto from 'node:crypto';
import { db } from '../../../lib/db';

export async function POST(request: Request) {
  const rawBody = await request.text();
  const signature = request.headers.get('x-signature') ?? '';
  const digest = crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!).update(rawBody).digest('hex');
  if (digest !== signature) {
    return new Response('Invalid signature', { status: 401 });
  }
  const event = JSON.parse(rawBody);
  if (event.meta.event_name === 'subscription_created') await db.from('subscriptions').insert({ id: event.data.id });
  return new Response('ok');
}
