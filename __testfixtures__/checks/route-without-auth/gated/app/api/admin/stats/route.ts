import { prisma } from '@/lib/prisma';

export async function POST() {
  await prisma.stat.deleteMany({});
  return new Response(null, { status: 204 });
}
