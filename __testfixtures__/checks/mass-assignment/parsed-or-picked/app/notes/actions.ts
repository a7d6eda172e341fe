'use server';

import { prisma } from '@/lib/db';

export async function renamePost(id: number, title: string) {
  await prisma.post.update({ where: { id }, data: { title } });
}
