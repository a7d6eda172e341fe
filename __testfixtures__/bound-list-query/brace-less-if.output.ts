import { prisma } from '@/lib/prisma';

export async function GET(request: Request) {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  if (request.headers.has('authorization'))
    return Response.json(await prisma.task.findMany({ orderBy: { id: 'asc' }, take: 100 }));
  return Response.json([]);
}
