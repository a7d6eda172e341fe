import { db } from '@/lib/db';

export async function POST(request: Request) {
  const payload = await request.json();
  if (payload.meta.event_name === 'order_created') {
    await db.from('orders').insert({ id: payload.data.id, email: payload.data.attributes.user_email });
  }
  return new Response('ok');
}
