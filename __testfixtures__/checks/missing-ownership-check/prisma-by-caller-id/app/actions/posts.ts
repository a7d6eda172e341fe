'use server';
import { getServerSession } from 'next-auth';
import { prisma } from '@/lib/prisma';

export async function deletePost(id: string) {
  await prisma.post.delete({ where: { id } });
}

export async function renamePost(formData: FormData) {
  const id = formData.get('id') as string;
  const userId = formData.get('userId') as string;
  // The owner compared with the caller's own value is no guard.
  await prisma.post.update({ where: { id, authorId: userId }, data: { title: String(formData.get('title')) } });
}

export async function renameTag(id: number, name: string) {
  // Tags have no owner column.
  await prisma.tag.update({ where: { id }, data: { name } });
}

export async function latestPost() {
  const session = await getServerSession();
  // The id comes from the session, not from the caller.
  return prisma.post.findFirst({ where: { id: session.user.id } });
}

export async function archivePost(id: string) {
  const session = await getServerSession();
  const post = await prisma.post.findUnique({ where: { id } });
  // An ownership check by hand.
  if (post?.authorId !== session.user.id) throw new Error('Not found');
  await prisma.post.delete({ where: { id } });
}

export async function retitlePost(id: string, title: string) {
  const session = await getServerSession();
  if (!session) throw new Error('Unauthorized');
  // Both the read and the write reach another user's post.
  const before = await prisma.post.findUnique({ where: { id } });
  await prisma.post.update({ where: { id }, data: { title: `${before?.title} ${title}` } });
}
