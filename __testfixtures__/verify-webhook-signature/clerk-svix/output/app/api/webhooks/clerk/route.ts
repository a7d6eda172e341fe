import { prisma } from '@/lib/prisma';
import { Webhook } from 'svix';

export async function POST(req: Request) {
  const rawBody = await req.text();
  let event: any;
  try {
    event = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(rawBody, {
      'svix-id': req.headers.get('svix-id') ?? '',
      'svix-timestamp': req.headers.get('svix-timestamp') ?? '',
      'svix-signature': req.headers.get('svix-signature') ?? '',
    });
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  if (event.type === 'user.created') {
    await prisma.user.create({ data: { id: event.data.id } });
  }
  return new Response('', { status: 200 });
}
