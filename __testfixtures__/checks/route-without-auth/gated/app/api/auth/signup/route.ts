import { prisma } from '@/lib/prisma';

export async function POST(req: Request) {
  const { email } = await req.json();
  await prisma.user.create({ data: { email } });
  return new Response(null, { status: 201 });
}
