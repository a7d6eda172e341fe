import { prisma } from '@/lib/prisma';

export async function GET(request: Request) {
  const owner = new URL(request.url).searchParams.get('owner') ?? '';
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const tasks = await prisma.task.findMany({ where: { ownerId: owner }, orderBy: { createdAt: 'desc' }, take: 50 });
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const tags = await prisma.tag.findMany({ orderBy: { id: 'asc' }, take: 50 });
  console.log(tags);
  return Response.json({ tasks, tags });
}
