'use server';

import { prisma } from '@/lib/prisma';

export async function searchProducts(query: string) {
  return prisma.product.findMany({
    where: { name: { contains: query } },
  });
}
