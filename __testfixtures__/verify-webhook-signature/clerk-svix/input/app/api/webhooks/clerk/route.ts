import { prisma } from '@/lib/prisma';

export async function POST(req: Request) {
  const payload = await req.json();
  if (payload.type === 'user.created') {
    await prisma.user.create({ data: { id: payload.data.id } });
  }
  return new Response('', { status: 200 });
}
