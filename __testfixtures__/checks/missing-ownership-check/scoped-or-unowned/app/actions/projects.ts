'use server';
import { auth } from '@clerk/nextjs/server';
import { prisma } from '@/lib/prisma';

export async function renameProject(id: string, name: string) {
  const { userId } = auth();
  const owner = userId;
  // Scoped through a local alias of the session's user id.
  await prisma.project.update({ where: { id, ownerId: owner }, data: { name } });
}

export async function retitlePlay(id: number, title: string) {
  await prisma.play.update({ where: { id }, data: { title } });
}
