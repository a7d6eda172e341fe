import { prisma } from '@/lib/prisma';

export async function listTasks(signedIn: boolean) {
  if (signedIn)
    return prisma.task.findMany();
  return [];
}
