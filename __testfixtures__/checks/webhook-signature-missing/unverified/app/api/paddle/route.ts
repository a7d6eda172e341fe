import { db } from '@/lib/db';

export const POST = async (req: Request) => {
  const notification = await req.json();
  if (notification.event_type === 'transaction.completed') {
    await db.from('orders').update({ paid: true }).eq('id', notification.data.id);
  }
  return new Response('ok');
};
