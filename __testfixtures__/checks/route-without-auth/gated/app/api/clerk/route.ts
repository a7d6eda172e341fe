import { auth } from '@clerk/nextjs/server';
import { prisma } from '@/lib/prisma';

export async function POST(req: Request) {
  const { userId } = await auth();
  if (!userId) return new Response('Unauthorized', { status: 401 });
  const { title } = await req.json();
  await prisma.note.create({ data: { title, userId } });
  return new Response(null, { status: 201 });
}
