'use server';

import { prisma } from '@/lib/prisma';

export async function searchProducts(query: string) {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  return prisma.product.findMany({
    where: { name: { contains: query } },
    orderBy: { id: 'asc' },
    take: 100,
  });
}
