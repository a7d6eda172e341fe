import { prisma } from '@/lib/prisma';
import { Webhook } from 'svix';

interface ClerkEvent {
  type: string;
  data: { id: string };
}

export async function POST(req: Request) {
  const rawBody = await req.text();
  let event: ClerkEvent;
  try {
    event = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(rawBody, {
      'svix-id': req.headers.get('svix-id') ?? '',
      'svix-timestamp': req.headers.get('svix-timestamp') ?? '',
      'svix-signature': req.headers.get('svix-signature') ?? '',
    }) as ClerkEvent;
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  if (event.type === 'user.created') {
    await prisma.user.create({ data: { id: event.data.id } });
  }
  return new Response('', { status: 200 });
}
