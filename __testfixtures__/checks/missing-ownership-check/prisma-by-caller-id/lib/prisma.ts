import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

export async function postById(id: string) {
  // A helper, not a handler: its callers decide where the id comes from.
  return prisma.post.findUnique({ where: { id } });
}
