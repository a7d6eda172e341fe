import { prisma } from '@/lib/prisma';

export async function search(ownerId: string, term: string) {
  const rows = await prisma.$queryRaw`SELECT id, title FROM "Task" WHERE "userId" = ${ownerId} AND title ILIKE ${`%${term}%`} LIMIT 50`;
  await prisma.$executeRaw`UPDATE "Task" SET seen = true WHERE "userId" = ${ownerId}`;
  return rows;
}
