import { db } from '@/lib/db';

export async function POST(request: Request) {
  const { meta, data } = await request.json();
  if (meta.event_name === 'order_created') {
    await db.order.create({ data: { id: data.id } });
  }
  return Response.json({ ok: true });
}
