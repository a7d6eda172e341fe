import { prisma } from '@/lib/prisma';

// Callers in other modules decide what these rows are for: a page size here could cut a sum there.
export async function allPosts() {
  return prisma.post.findMany({ where: { published: true } });
}

export async function exportRows(write: (rows: unknown[]) => Promise<void>) {
  const rows = await prisma.order.findMany();
  await write(rows);
}
