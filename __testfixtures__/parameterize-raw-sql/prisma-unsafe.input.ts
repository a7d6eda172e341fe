import { prisma } from '@/lib/prisma';

export async function search(ownerId: string, term: string) {
  const rows = await prisma.$queryRawUnsafe(`SELECT id, title FROM "Task" WHERE "userId" = '${ownerId}' AND title ILIKE '%${term}%' LIMIT 50`);
  await prisma.$executeRawUnsafe('UPDATE "Task" SET seen = true WHERE "userId" = ' + ownerId);
  return rows;
}
