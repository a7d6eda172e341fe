import { headers } from 'next/headers';
import { Webhook } from 'svix';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const payload = await req.text();
  const h = await headers();
  let evt: { type: string; data: { id: string } };
  try {
    evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(payload, {
      'svix-id': h.get('svix-id')!,
      'svix-timestamp': h.get('svix-timestamp')!,
      'svix-signature': h.get('svix-signature')!,
    }) as typeof evt;
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  if (evt.type === 'user.created') await db.from('profiles').insert({ id: evt.data.id });
  return new Response('', { status: 200 });
}
