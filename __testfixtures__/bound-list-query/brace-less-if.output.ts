import { prisma } from '@/lib/prisma';

export async function listTasks(signedIn: boolean) {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  if (signedIn)
    return prisma.task.findMany({ take: 100 });
  return [];
}
