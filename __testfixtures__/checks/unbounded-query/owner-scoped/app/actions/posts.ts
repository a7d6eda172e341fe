'use server';
import { prisma } from '@/lib/prisma';

export async function postsBy(writer: string) {
  return prisma.post.findMany({ where: { writerId: writer } });
}

export async function mentionsOf(name: string) {
  return prisma.post.findMany({ where: { OR: [{ writerId: name }, { editorId: name }] } });
}
