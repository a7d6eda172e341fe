import { prisma } from '@/lib/prisma';

export async function GET(request: Request) {
  const owner = new URL(request.url).searchParams.get('owner') ?? '';
  const tasks = await prisma.task.findMany({ where: { ownerId: owner }, orderBy: { createdAt: 'desc' } });
  const tags = await prisma.tag.findMany();
  console.log(tags);
  return Response.json({ tasks, tags });
}
