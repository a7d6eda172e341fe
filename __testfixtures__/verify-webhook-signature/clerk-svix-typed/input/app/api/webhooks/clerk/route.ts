import { prisma } from '@/lib/prisma';

interface ClerkEvent {
  type: string;
  data: { id: string };
}

export async function POST(req: Request) {
  const payload: ClerkEvent = await req.json();
  if (payload.type === 'user.created') {
    await prisma.user.create({ data: { id: payload.data.id } });
  }
  return new Response('', { status: 200 });
}
